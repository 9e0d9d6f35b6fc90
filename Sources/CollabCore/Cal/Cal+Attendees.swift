extension Cal {
    /// Invites users to an event (write access or organiser); those already invited keep
    /// their reply.
    package static func invite(_ tx: Transaction, _ actor: Actor, _ id: String, users: [String]) throws -> Event {
        var e = try writableEvent(tx, actor, id, "invite to")
        var changed = false
        for u in users where !e.attendees.contains(where: { $0.user == u }) {
            _ = try Directory.requireUser(tx.sql, u)
            e.attendees.append(Attendee(user: u, status: .needsAction))
            changed = true
        }
        guard changed else { return e }
        e.attendees.sort { $0.user < $1.user }
        e.rev += 1
        e.updated = tx.timestamp
        return try saveEvent(tx, e, op: .update)
    }

    /// Records the acting user's reply to an invitation (for the whole series).
    package static func rsvp(_ tx: Transaction, _ actor: Actor, _ id: String, _ status: AttendeeStatus) throws -> Event {
        var e = try visibleEvent(tx.sql, actor, id)
        guard let i = e.attendees.firstIndex(where: { $0.user == actor.id }) else {
            throw CollabError(.notFound, "\(actor.id) is not invited to \(e.id)")
        }
        if e.attendees[i].status == status { return e }
        e.attendees[i].status = status
        e.rev += 1
        e.updated = tx.timestamp
        return try saveEvent(tx, e, op: .update)
    }

    /// The invitations awaiting the actor's reply, for events not over by `now`, in start order.
    package static func inbox(_ sql: SQL, _ actor: Actor, now: Instant, _ body: (Event) throws -> Void) throws {
        try sql.each(
            """
            SELECT \(eventColumns) FROM events WHERE status <> 'cancelled' AND (last_end IS NULL OR last_end > ?)
            AND EXISTS (SELECT 1 FROM attendees WHERE attendees.event_id = events.id AND attendees.user_id = ? AND attendees.status = 'needs-action')
            ORDER BY start, id
            """,
            [.text(RFC3339.format(now)), .text(actor.id)]
        ) { r in
            try body(try eventRow(sql, r))
            return true
        }
    }
}
