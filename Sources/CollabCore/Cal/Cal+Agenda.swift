/// Which occurrences `agenda`, `busy` and `free` read.
package struct AgendaFilter: Sendable {
    package var from: Instant
    /// Nil: no end (an open-ended series then streams forever).
    package var to: Instant?
    package var calendars: [String] = []
    /// Events these users organise or attend (declined invitations left out).
    package var users: [String] = []
    package var rooms: [String] = []

    package init(from: Instant, to: Instant?) {
        self.from = from
        self.to = to
    }
}

extension Cal {
    /// Calls `body` with each occurrence that overlaps the window, in start order (then
    /// event id), overrides applied, cancelled ones left out. The series are merged with a
    /// heap holding one pending occurrence per series, so an open-ended series costs
    /// constant memory.
    package static func agenda(_ sql: SQL, _ actor: Actor, _ f: AgendaFilter, _ body: (Occurrence) throws -> Bool) throws {
        for c in f.calendars { _ = try requireCalendar(sql, actor, c) }
        let visible = visibleEvents(actor)
        var conditions = [visible.sql, "events.status <> 'cancelled'", "(events.last_end IS NULL OR events.last_end > ?)"]
        var args = visible.args + [.text(RFC3339.format(f.from))]
        if let to = f.to {
            conditions.append("events.start < ?")
            args.append(.text(RFC3339.format(to)))
        }
        func list(_ values: [String]) -> String { Array(repeating: "?", count: values.count).joined(separator: ", ") }
        if !f.calendars.isEmpty {
            conditions.append("events.calendar IN (\(list(f.calendars)))")
            args += f.calendars.map(SQLValue.text)
        }
        if !f.users.isEmpty {
            conditions.append(
                "(events.organizer IN (\(list(f.users))) OR EXISTS (SELECT 1 FROM attendees WHERE attendees.event_id = events.id AND attendees.status <> 'declined' AND attendees.user_id IN (\(list(f.users)))))")
            args += f.users.map(SQLValue.text) + f.users.map(SQLValue.text)
        }
        if !f.rooms.isEmpty {
            conditions.append("(events.room IN (\(list(f.rooms))) OR events.id IN (SELECT event_id FROM event_overrides WHERE room IN (\(list(f.rooms)))))")
            args += f.rooms.map(SQLValue.text) + f.rooms.map(SQLValue.text)
        }
        // The heap orders small (start, stream) entries; each stream's pending occurrence
        // stays in `pending`, so sifting never copies events.
        var heap = OccurrenceHeap()
        var streams: [Event.Occurrences] = []
        var pending: [Occurrence?] = []
        try sql.each("SELECT \(eventColumns) FROM events WHERE \(conditions.joined(separator: " AND ")) ORDER BY events.id", args) { r in
            let e = try eventRow(sql, r)
            var stream = e.occurrences(from: f.from)
            if let first = nextWanted(&stream, f) {
                heap.push(first.start, stream: streams.count)
                streams.append(stream)
                pending.append(first)
            }
            return true
        }
        while let (_, i) = heap.pop() {
            guard let o = pending[i] else { continue }
            guard try body(o) else { return }
            pending[i] = nextWanted(&streams[i], f)
            if let next = pending[i] { heap.push(next.start, stream: i) }
        }
    }

    /// The next occurrence of a stream inside the window and the room filter, or nil.
    static func nextWanted(_ stream: inout Event.Occurrences, _ f: AgendaFilter) -> Occurrence? {
        while let o = stream.next() {
            if let to = f.to, o.start >= to { return nil }
            if o.end <= f.from && o.start < f.from { continue }
            if o.status == .cancelled { continue }
            if !f.rooms.isEmpty && !(o.room.map(f.rooms.contains) ?? false) { continue }
            // A user who declined this occurrence alone is not in it.
            if !f.users.isEmpty && !f.users.contains(o.event.organizer)
                && !o.attendees.contains(where: { f.users.contains($0.user) && $0.status != .declined }) { continue }
            return o
        }
        return nil
    }
}

/// A binary min-heap of (start, stream) entries, by start then stream.
struct OccurrenceHeap {
    var items: [(Instant, Int)] = []

    static func less(_ a: (Instant, Int), _ b: (Instant, Int)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
    }

    mutating func push(_ start: Instant, stream: Int) {
        items.append((start, stream))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Instant, Int)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && Self.less(items[l], items[m]) { m = l }
            if r < items.count && Self.less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
