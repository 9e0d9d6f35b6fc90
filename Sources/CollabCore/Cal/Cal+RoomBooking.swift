extension Cal {
    /// How far ahead an open-ended series is checked against other bookings.
    static let bookingHorizonSeconds: Int64 = 2 * 366 * 86_400

    /// Refuses (exit 73, naming the clashing event) a booking of a room that another event
    /// holds at the same time, recurrences and overrides included. With `force`, a room
    /// manager (or an admin) books anyway; anyone else is refused (77).
    static func checkRooms(_ tx: Transaction, _ actor: Actor, _ e: Event, force: Bool) throws {
        guard e.status != .cancelled else { return }
        let rooms = Set([e.room].compactMap { $0 } + e.overrides.compactMap(\.room))
        for room in rooms.sorted() {
            if force {
                let isManager = try tx.sql.int("SELECT 1 FROM room_managers WHERE room_id = ? AND user_id = ?", [.text(room), .text(actor.id)]) != nil
                guard isManager || actor.isAdmin else {
                    throw CollabError.denied("\(actor.id) may not force a booking of room '\(room)': only its managers may")
                }
                continue
            }
            let from = e.start
            let horizon = (e.lastEnd ?? Swift.max(tx.now, e.start).adding(seconds: bookingHorizonSeconds))
            var others: [String] = []
            try tx.sql.each(
                """
                SELECT id FROM events WHERE id <> ? AND status <> 'cancelled'
                AND (room = ? OR id IN (SELECT event_id FROM event_overrides WHERE room = ?))
                AND start < ? AND (last_end IS NULL OR last_end > ?) ORDER BY id
                """,
                [.text(e.id), .text(room), .text(room), .text(RFC3339.format(horizon)), .text(RFC3339.format(from))]
            ) { others.append($0.string(0)); return true }
            for otherId in others {
                guard let other = try event(tx.sql, otherId) else { continue }
                if let (mine, theirs) = clash(e, other, room: room, until: horizon) {
                    throw CollabError.conflict(
                        "room '\(room)' is already booked at \(e.text(mine.start)) by \(other.id) '\(theirs.title)' (\(other.text(theirs.start)) to \(other.text(theirs.end))): use --force as a room manager to book anyway")
                }
            }
        }
    }

    /// Whether a change can take a room at another time: a change of times, repetition,
    /// room or status (of the series or of an override). Only those are checked again, so
    /// a booking forced by a room manager does not block later edits of the other event.
    static func bookingChanged(_ a: Event, _ b: Event) -> Bool {
        func key(_ v: EventOverride) -> String {
            "\(v.recurrenceId.seconds) \(v.start.seconds) \(v.end.seconds) \(v.room ?? "") \(v.status?.rawValue ?? "")"
        }
        return a.start != b.start || a.end != b.end || a.rrule != b.rrule || a.rdates != b.rdates || a.exdates.count != b.exdates.count
            || a.room != b.room || a.status != b.status || a.overrides.map(key) != b.overrides.map(key)
    }

    /// The first pair of occurrences of `a` and `b` in `room` that overlap before `until`.
    static func clash(_ a: Event, _ b: Event, room: String, until: Instant) -> (Occurrence, Occurrence)? {
        let from = Swift.max(a.start, b.start)
        func inRoom(_ e: Event) -> some IteratorProtocol<Occurrence> {
            var it = e.occurrences(from: from)
            return AnyIterator {
                while let o = it.next() {
                    if o.start >= until { return nil }
                    if o.room == room && o.status != .cancelled { return o }
                }
                return nil
            }
        }
        var first = inRoom(a)
        var second = inRoom(b)
        var x = first.next()
        var y = second.next()
        while let p = x, let q = y {
            if p.start < q.end && q.start < p.end { return (p, q) }
            if p.end <= q.end { x = first.next() } else { y = second.next() }
        }
        return nil
    }
}
