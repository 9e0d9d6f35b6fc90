extension Cal {
    static let eventSeq = SequenceId("evt")
    static let eventColumns =
        "id, uid, calendar, title, description, start, end_time, all_day, tz, location, room, organizer, rrule, exdates, rdates, visio, status, rev, created, updated, "
        // Whether there are attendees and overrides to read: most events have neither.
        + "EXISTS (SELECT 1 FROM attendees WHERE attendees.event_id = events.id), EXISTS (SELECT 1 FROM event_overrides WHERE event_overrides.event_id = events.id)"

    /// Replies stored as `user=status` words.
    static func replies(_ text: String?) -> [Attendee] {
        (text ?? "").split(separator: " ").compactMap { word in
            let parts = word.split(separator: "=")
            guard parts.count == 2, let s = AttendeeStatus(rawValue: String(parts[1])) else { return nil }
            return Attendee(user: String(parts[0]), status: s)
        }
    }

    static func instants(_ text: String?) -> [Instant] {
        (text ?? "").split(separator: " ").compactMap { RFC3339.parse(String($0)) }
    }

    static func instantsText(_ list: [Instant]) -> SQLValue {
        list.isEmpty ? .null : .text(list.sorted().map(RFC3339.format).joined(separator: " "))
    }

    static func eventRow(_ sql: SQL, _ r: Row) throws -> Event {
        let id = r.string(0)
        var e = Event(
            id: id, uid: r.string(1), calendar: r.string(2), title: r.string(3), description: r.optString(4),
            start: RFC3339.parse(r.string(5)) ?? Instant(seconds: 0), end: RFC3339.parse(r.string(6)) ?? Instant(seconds: 0),
            allDay: r.bool(7), tz: r.string(8), location: r.optString(9), room: r.optString(10), organizer: r.string(11),
            rrule: try r.optString(12).map(RRule.parse), exdates: instants(r.optString(13)), rdates: instants(r.optString(14)),
            visio: r.optString(15), status: EventStatus(rawValue: r.string(16)) ?? .confirmed, rev: r.int(17), created: r.string(18),
            updated: r.string(19))
        if r.bool(20) {
            e.attendees = try sql.all("SELECT user_id, status FROM attendees WHERE event_id = ? ORDER BY user_id", [.text(id)]) {
                Attendee(user: $0.string(0), status: AttendeeStatus(rawValue: $0.string(1)) ?? .needsAction)
            }
        }
        guard r.bool(21) else { return e }
        e.overrides = try sql.all(
            "SELECT recurrence_id, start, end_time, title, description, location, room, status, replies FROM event_overrides WHERE event_id = ? ORDER BY recurrence_id",
            [.text(id)]
        ) { o in
            EventOverride(
                recurrenceId: RFC3339.parse(o.string(0)) ?? Instant(seconds: 0), start: RFC3339.parse(o.string(1)) ?? Instant(seconds: 0),
                end: RFC3339.parse(o.string(2)) ?? Instant(seconds: 0), title: o.optString(3), description: o.optString(4),
                location: o.optString(5), room: o.optString(6), status: o.optString(7).flatMap(EventStatus.init(rawValue:)),
                replies: replies(o.optString(8)))
        }
        return e
    }

    /// The event with this id (`evt-12` or `12`), or nil.
    package static func event(_ sql: SQL, _ id: String) throws -> Event? {
        let n = try eventSeq.number(id)
        var found: Event?
        try sql.each("SELECT \(eventColumns) FROM events WHERE id = ?", [.text(eventSeq.id(n))]) { r in
            found = try eventRow(sql, r)
            return false
        }
        return found
    }

    /// An SQL condition keeping the events `actor` may see: those of calendars they may
    /// read, and those they organise or are invited to.
    static func visibleEvents(_ actor: Actor) -> (sql: String, args: [SQLValue]) {
        if actor.isAdmin { return ("1 = 1", []) }
        let cal = Access.readableCondition(actor, spaceType: "calendar", idColumn: "calendars.id", visibilityColumn: "visibility", ownerColumn: "owner")
        return (
            "(events.calendar IN (SELECT id FROM calendars WHERE \(cal.sql)) OR events.organizer = ? OR EXISTS (SELECT 1 FROM attendees WHERE attendees.event_id = events.id AND attendees.user_id = ?))",
            cal.args + [.text(actor.id), .text(actor.id)]
        )
    }

    /// The event if `actor` may see it; not found (exit 1) otherwise.
    package static func visibleEvent(_ sql: SQL, _ actor: Actor, _ id: String) throws -> Event {
        guard let e = try event(sql, id) else { throw CollabError.notFound("event", id) }
        let cond = visibleEvents(actor)
        guard try sql.int("SELECT 1 FROM events WHERE id = ? AND \(cond.sql)", [.text(e.id)] + cond.args) != nil else {
            throw CollabError.notFound("event", id)
        }
        return e
    }

    /// The event, checked that `actor` may change it: write access to its calendar, or its
    /// organiser.
    static func writableEvent(_ tx: Transaction, _ actor: Actor, _ id: String, _ action: String) throws -> Event {
        let e = try visibleEvent(tx.sql, actor, id)
        if e.organizer == actor.id { return e }
        guard let c = try calendar(tx.sql, e.calendar) else { throw CollabError.notFound("calendar", e.calendar) }
        try Access.require(actor, .write, in: c.space, to: "\(action) \(e.id)", tx.sql)
        return e
    }

    /// Writes the event's row, attendees and overrides, and its change record.
    static func saveEvent(_ tx: Transaction, _ e: Event, op: ChangeOp) throws -> Event {
        let last = e.lastEnd
        let values: [SQLValue] = [
            .text(e.uid), .text(e.calendar), .text(e.title), e.description.map(SQLValue.text) ?? .null, .text(RFC3339.format(e.start)),
            .text(RFC3339.format(e.end)), .int(e.allDay ? 1 : 0), .text(e.tz), e.location.map(SQLValue.text) ?? .null,
            e.room.map(SQLValue.text) ?? .null, .text(e.organizer), e.rrule.map { .text($0.text) } ?? .null, instantsText(e.exdates),
            instantsText(e.rdates), e.visio.map(SQLValue.text) ?? .null, .text(e.status.rawValue),
            last.map { .text(RFC3339.format($0)) } ?? .null, .int(e.rev), .text(e.created), .text(e.updated),
        ]
        if op == .create {
            try tx.sql.execute(
                "INSERT INTO events (uid, calendar, title, description, start, end_time, all_day, tz, location, room, organizer, rrule, exdates, rdates, visio, status, last_end, rev, created, updated, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values + [.text(e.id)])
        } else {
            try tx.sql.execute(
                "UPDATE events SET uid = ?, calendar = ?, title = ?, description = ?, start = ?, end_time = ?, all_day = ?, tz = ?, location = ?, room = ?, organizer = ?, rrule = ?, exdates = ?, rdates = ?, visio = ?, status = ?, last_end = ?, rev = ?, created = ?, updated = ? WHERE id = ?",
                values + [.text(e.id)])
            try tx.sql.execute("DELETE FROM attendees WHERE event_id = ?", [.text(e.id)])
            try tx.sql.execute("DELETE FROM event_overrides WHERE event_id = ?", [.text(e.id)])
        }
        for a in e.attendees {
            try tx.sql.execute(
                "INSERT INTO attendees (event_id, user_id, status) VALUES (?, ?, ?)", [.text(e.id), .text(a.user), .text(a.status.rawValue)])
        }
        for v in e.overrides {
            try tx.sql.execute(
                "INSERT INTO event_overrides (event_id, recurrence_id, start, end_time, title, description, location, room, status, replies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(e.id), .text(RFC3339.format(v.recurrenceId)), .text(RFC3339.format(v.start)), .text(RFC3339.format(v.end)),
                 v.title.map(SQLValue.text) ?? .null, v.description.map(SQLValue.text) ?? .null, v.location.map(SQLValue.text) ?? .null,
                 v.room.map(SQLValue.text) ?? .null, v.status.map { .text($0.rawValue) } ?? .null,
                 v.replies.isEmpty ? .null : .text(v.replies.map { $0.user + "=" + $0.status.rawValue }.joined(separator: " "))])
        }
        try tx.record(op, "event", e.id, e.record)
        return e
    }

    /// Deletes an event with its attendees, overrides and reminders.
    package static func deleteEvent(_ tx: Transaction, _ actor: Actor, _ id: String) throws -> Event {
        let e = try writableEvent(tx, actor, id, "delete")
        for table in ["attendees", "event_overrides", "reminders_sent"] {
            try tx.sql.execute("DELETE FROM \(table) WHERE event_id = ?", [.text(e.id)])
        }
        try tx.sql.execute("DELETE FROM events WHERE id = ?", [.text(e.id)])
        try tx.record(.delete, "event", e.id, e.record)
        return e
    }
}
