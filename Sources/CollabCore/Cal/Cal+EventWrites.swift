/// What `add` creates.
package struct EventDraft: Sendable {
    package var title: String
    package var description: String?
    package var start: Instant
    package var end: Instant
    package var allDay = false
    package var tz: String
    package var calendar: String?
    package var location: String?
    package var room: String?
    package var attendees: [String] = []
    package var rrule: RRule?
    package var rdates: [Instant] = []
    package var exdates: [Instant] = []
    package var visio: String?
    package var status: EventStatus = .confirmed
    package var uid: String?

    package init(title: String, start: Instant, end: Instant, tz: String) {
        self.title = title
        self.start = start
        self.end = end
        self.tz = tz
    }
}

/// What `update` changes; nil leaves a field alone, an empty text clears an optional one.
package struct EventPatch: Sendable {
    package var title: String?
    package var description: String?
    package var start: Instant?
    package var end: Instant?
    package var duration: ISODuration?
    package var location: String?
    package var room: String?
    /// `.some(nil)` removes the rule.
    package var rrule: RRule??
    package var visio: String?
    package var status: EventStatus?
    package var addAttendees: [String] = []
    package var removeAttendees: [String] = []

    package init() {}
}

extension Cal {
    /// A new event's UID: its id and random hex, unique across stores.
    static func newUID(_ id: String) -> String {
        let hex = (0..<2).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
        return "\(id)-\(hex)@collab"
    }

    static func checkTimes(_ start: Instant, _ end: Instant, allDay: Bool) throws {
        guard end > start else {
            throw CollabError.invalid("end", RFC3339.format(end), "the end must come after the start")
        }
    }

    /// Creates an event in a calendar the actor may write to (default: their personal
    /// calendar, created on first use). A known `key` returns its event unchanged.
    package static func addEvent(_ tx: Transaction, _ actor: Actor, _ d: EventDraft, key: String?, force: Bool) throws -> (Event, WriteOutcome) {
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "event", key: key) {
            return (try visibleEvent(tx.sql, actor, existing), .unchanged)
        }
        guard !d.title.trimmingSpaces.isEmpty else { throw CollabError.invalid("title", d.title, "a title cannot be empty") }
        try checkTimes(d.start, d.end, allDay: d.allDay)
        let calendarId = try d.calendar ?? personalCalendar(tx, actor.id).id
        _ = try requireCalendar(tx.sql, actor, calendarId, .write, to: "add events to calendar '\(calendarId)'")
        if let room = d.room { _ = try requireRoom(tx.sql, room) }
        for a in d.attendees { _ = try Directory.requireUser(tx.sql, a) }
        let id = eventSeq.id(try tx.nextNumber("evt"))
        if let uid = d.uid, try tx.sql.int("SELECT 1 FROM events WHERE uid = ?", [.text(uid)]) != nil {
            throw CollabError.conflict("an event with uid '\(uid)' exists")
        }
        var e = Event(
            id: id, uid: d.uid ?? newUID(id), calendar: calendarId, title: d.title, description: d.description, start: d.start,
            end: d.end, allDay: d.allDay, tz: d.tz, location: d.location, room: d.room, organizer: actor.id,
            rrule: d.rrule, exdates: d.exdates, rdates: d.rdates, visio: d.visio, status: d.status, rev: 1,
            created: tx.timestamp, updated: tx.timestamp)
        var seen = Set<String>()
        e.attendees = d.attendees.filter { seen.insert($0).inserted }.map { Attendee(user: $0, status: .needsAction) }
        try checkRooms(tx, actor, e, force: force)
        if let key { try ExternalKeys.bind(tx, type: "event", key: key, id: id) }
        return (try saveEvent(tx, e, op: .create), .created)
    }

    /// Changes the whole series.
    package static func updateEvent(_ tx: Transaction, _ actor: Actor, _ id: String, _ p: EventPatch, ifRev: Int64?, force: Bool) throws -> Event {
        var e = try writableEvent(tx, actor, id, "update")
        try Revisions.check("event", e.id, current: e.rev, expected: ifRev)
        let before = e
        if let t = p.title {
            guard !t.trimmingSpaces.isEmpty else { throw CollabError.invalid("title", t, "a title cannot be empty") }
            e.title = t
        }
        if let d = p.description { e.description = d.isEmpty ? nil : d }
        if let l = p.location { e.location = l.isEmpty ? nil : l }
        if let r = p.room {
            if !r.isEmpty { _ = try requireRoom(tx.sql, r) }
            e.room = r.isEmpty ? nil : r
        }
        if let v = p.visio { e.visio = v.isEmpty ? nil : v }
        if let s = p.status { e.status = s }
        if let r = p.rrule { e.rrule = r }
        let length = e.duration
        if let s = p.start {
            // Moving the series moves its overrides' recurrence ids out of step: drop them.
            if s != e.start { e.overrides = [] }
            e.start = s
        }
        if let end = p.end {
            e.end = end
        } else if let d = p.duration {
            e.end = d.added(to: e.start, in: e.zone)
        } else if p.start != nil {
            e.end = e.start.adding(seconds: length)
        }
        try checkTimes(e.start, e.end, allDay: e.allDay)
        for a in p.addAttendees where !e.attendees.contains(where: { $0.user == a }) {
            _ = try Directory.requireUser(tx.sql, a)
            e.attendees.append(Attendee(user: a, status: .needsAction))
        }
        e.attendees.removeAll { p.removeAttendees.contains($0.user) }
        e.attendees.sort { $0.user < $1.user }
        guard e != before else { return e }
        e.rev += 1
        e.updated = tx.timestamp
        if bookingChanged(before, e) { try checkRooms(tx, actor, e, force: force) }
        return try saveEvent(tx, e, op: .update)
    }

    /// The start of the occurrence `text` names (for an all-day event, its date).
    package static func occurrenceStart(_ e: Event, _ text: String, now: Instant, zone: Zone) throws -> Instant {
        let s: Instant
        do {
            s = e.allDay
                ? e.zone.startOfDay(try TimeInput.parseDate(text, now: now, zone: zone))
                : try TimeInput.parse(text, now: now, zone: zone)
        } catch let error as TimeError {
            throw CollabError.invalid("occurrence", text, error.description)
        }
        guard e.overrides.contains(where: { $0.recurrenceId == s }) || e.isSeriesStart(s) else {
            throw CollabError(.notFound, "\(e.id) has no occurrence starting at \(e.text(s))", field: "occurrence")
        }
        return s
    }

    /// Changes one occurrence: it becomes an override (RECURRENCE-ID).
    package static func updateOccurrence(
        _ tx: Transaction, _ actor: Actor, _ id: String, occurrence: (Event) throws -> Instant, _ p: EventPatch, ifRev: Int64?, force: Bool
    ) throws -> Event {
        var e = try writableEvent(tx, actor, id, "update")
        try Revisions.check("event", e.id, current: e.rev, expected: ifRev)
        let before = e
        guard e.isRecurring else { throw CollabError.invalid("occurrence", e.id, "the event does not repeat: update the event itself") }
        if p.rrule != nil || !p.addAttendees.isEmpty || !p.removeAttendees.isEmpty || p.visio != nil {
            throw CollabError(.usage, "--rrule, --visio and attendees apply to the whole series, not to one occurrence")
        }
        let rid = try occurrence(e)
        let index = e.overrides.firstIndex { $0.recurrenceId == rid }
        var v = index.map { e.overrides[$0] } ?? EventOverride(recurrenceId: rid, start: rid, end: e.end(of: rid))
        let length = v.end.seconds - v.start.seconds
        if let s = p.start { v.start = s }
        if let end = p.end {
            v.end = end
        } else if let d = p.duration {
            v.end = d.added(to: v.start, in: e.zone)
        } else {
            v.end = v.start.adding(seconds: length)
        }
        try checkTimes(v.start, v.end, allDay: e.allDay)
        if let t = p.title { v.title = t.isEmpty ? nil : t }
        if let d = p.description { v.description = d.isEmpty ? nil : d }
        if let l = p.location { v.location = l.isEmpty ? nil : l }
        if let r = p.room {
            if !r.isEmpty { _ = try requireRoom(tx.sql, r) }
            v.room = r.isEmpty ? nil : r
        }
        if let s = p.status { v.status = s }
        if let index { e.overrides[index] = v } else { e.overrides.append(v) }
        e.overrides.sort { $0.recurrenceId < $1.recurrenceId }
        e.rev += 1
        e.updated = tx.timestamp
        if bookingChanged(before, e) { try checkRooms(tx, actor, e, force: force) }
        return try saveEvent(tx, e, op: .update)
    }

    /// Cancels the series (status `cancelled`), or one occurrence (an EXDATE).
    package static func cancel(_ tx: Transaction, _ actor: Actor, _ id: String, occurrence: ((Event) throws -> Instant)?) throws -> Event {
        var e = try writableEvent(tx, actor, id, "cancel")
        if let occurrence {
            guard e.isRecurring else { throw CollabError.invalid("occurrence", e.id, "the event does not repeat: cancel the event itself") }
            let rid = try occurrence(e)
            e.overrides.removeAll { $0.recurrenceId == rid }
            if !e.exdates.contains(rid) { e.exdates.append(rid) }
            e.exdates.sort()
        } else {
            if e.status == .cancelled { return e }
            e.status = .cancelled
        }
        e.rev += 1
        e.updated = tx.timestamp
        return try saveEvent(tx, e, op: .update)
    }
}
