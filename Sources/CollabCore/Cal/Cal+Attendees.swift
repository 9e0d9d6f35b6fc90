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

    /// Records the acting user's reply to an invitation: for the whole series, or for one
    /// occurrence (kept in that occurrence's override).
    package static func rsvp(
        _ tx: Transaction, _ actor: Actor, _ id: String, _ status: AttendeeStatus, occurrence: ((Event) throws -> Instant)? = nil
    ) throws -> Event {
        var e = try visibleEvent(tx.sql, actor, id)
        guard let i = e.attendees.firstIndex(where: { $0.user == actor.id }) else {
            throw CollabError(.notFound, "\(actor.id) is not invited to \(e.id)")
        }
        if let occurrence {
            guard e.isRecurring else { throw CollabError.invalid("occurrence", e.id, "the event does not repeat: answer for the event itself") }
            let rid = try occurrence(e)
            let index = e.overrides.firstIndex { $0.recurrenceId == rid }
            var v = index.map { e.overrides[$0] } ?? EventOverride(recurrenceId: rid, start: rid, end: e.end(of: rid))
            if v.replies.first(where: { $0.user == actor.id })?.status == status { return e }
            v.replies.removeAll { $0.user == actor.id }
            v.replies.append(Attendee(user: actor.id, status: status))
            v.replies.sort { $0.user < $1.user }
            if let index { e.overrides[index] = v } else { e.overrides.append(v) }
            e.overrides.sort { $0.recurrenceId < $1.recurrenceId }
        } else {
            if e.attendees[i].status == status { return e }
            e.attendees[i].status = status
        }
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
