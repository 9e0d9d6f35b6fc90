extension Cal {
    /// Where `addEvent(… firstFree:)` looks for a slot.
    package struct SlotSearch: Sendable {
        /// The window searched.
        package var from: Instant
        package var to: Instant
        /// The event's length, in seconds.
        package var length: Int64
        /// The rooms that would do, in order of preference (empty: no room).
        package var rooms: [String]
        /// Working hours for the search; nil: those common to the organizer and attendees.
        package var hours: WorkingHours?
        /// The zone working hours are read in.
        package var zone: Zone

        package init(from: Instant, to: Instant, length: Int64, rooms: [String], hours: WorkingHours?, zone: Zone) {
            self.from = from
            self.to = to
            self.length = length
            self.rooms = rooms
            self.hours = hours
            self.zone = zone
        }
    }

    /// Books the event at the earliest slot of the window when its organizer, its attendees
    /// and one of the rooms are free, inside working hours; among rooms free at that time the
    /// first listed wins. Search and booking are one transaction, so two scripts booking at
    /// once cannot take the same slot. A known `key` returns its event unchanged, without
    /// searching. No slot in the window is a conflict (exit 73).
    package static func addEvent(
        _ tx: Transaction, _ actor: Actor, _ d: EventDraft, firstFree s: SlotSearch, key: String?
    ) throws -> (Event, WriteOutcome) {
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "event", key: key) {
            return (try visibleEvent(tx.sql, actor, existing), .unchanged)
        }
        guard s.length > 0 else { throw CollabError.invalid("duration", "\(s.length)s", "a slot needs a length") }
        guard s.to > s.from else {
            throw CollabError.invalid("before", RFC3339.format(s.to), "the end of the search must come after its start")
        }
        var people = [actor.id]
        for a in d.attendees where !people.contains(a) { people.append(a) }
        let users = people.map(Participant.user)
        let hours = try s.hours ?? WorkingHoursStore.common(tx.sql, users)
        var best: (start: Instant, room: String?)?
        for room in s.rooms.isEmpty ? [nil] : s.rooms.map(Optional.some) {
            let who = users + (room.map { [Participant.room($0)] } ?? [])
            // The first free slot is this room's earliest; a later room must beat the best so far.
            do {
                try free(tx.sql, actor, who, length: s.length, from: s.from, to: best?.start ?? s.to, hours: hours, zone: s.zone) { start, _ in
                    if best == nil || start < best!.start { best = (start, room) }
                    throw StopSearch()
                }
            } catch is StopSearch {}
        }
        guard let best else {
            let rooms = s.rooms.isEmpty ? "" : " with a room among \(s.rooms.joined(separator: ", "))"
            throw CollabError.conflict(
                "no slot of \(ISODuration(seconds: s.length).iso) between \(RFC3339.format(s.from)) and \(RFC3339.format(s.to)) "
                    + "free for \(people.joined(separator: ", "))\(rooms) within working hours (\(hours.text))")
        }
        var draft = d
        draft.start = best.start
        draft.end = Instant(seconds: best.start.seconds + s.length)
        draft.room = best.room
        return try addEvent(tx, actor, draft, key: key, force: false)
    }

    private struct StopSearch: Error {}
}
