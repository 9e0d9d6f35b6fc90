extension Cal {
    /// The events to export: those named, or those of the calendars given, or those a user
    /// organises or attends (declined included), each visible to `actor`; in id order.
    package static func eventsToExport(_ sql: SQL, _ actor: Actor, ids: [String], calendars: [String], user: String?) throws -> [Event] {
        if !ids.isEmpty { return try ids.map { try visibleEvent(sql, actor, $0) } }
        let visible = visibleEvents(actor)
        var condition = visible.sql
        var args = visible.args
        if !calendars.isEmpty {
            for c in calendars { _ = try requireCalendar(sql, actor, c) }
            condition += " AND events.calendar IN (\(Array(repeating: "?", count: calendars.count).joined(separator: ", ")))"
            args += calendars.map(SQLValue.text)
        } else {
            let u = user ?? actor.id
            _ = try Directory.requireUser(sql, u)
            condition += " AND (events.organizer = ? OR EXISTS (SELECT 1 FROM attendees WHERE attendees.event_id = events.id AND attendees.user_id = ?))"
            args += [.text(u), .text(u)]
        }
        var events: [Event] = []
        try sql.each("SELECT \(eventColumns) FROM events WHERE \(condition) ORDER BY CAST(substr(events.id, 5) AS INTEGER)", args) { r in
            events.append(try eventRow(sql, r))
            return true
        }
        return events
    }

    /// The iCalendar file of these events, with the names and emails of the people in them.
    package static func ics(_ sql: SQL, _ events: [Event], calendarName: String?) throws -> String {
        var w = ICalWriter()
        w.calendarName = calendarName
        var ids = Set<String>()
        for e in events {
            ids.insert(e.organizer)
            for a in e.attendees { ids.insert(a.user) }
        }
        for id in ids {
            if let u = try Directory.user(sql, id) { w.people[id] = (u.name, u.email) }
        }
        try eachRoom(sql) { w.rooms[$0.id] = $0.name }
        return w.file(events)
    }
}
