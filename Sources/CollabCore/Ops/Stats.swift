/// Indicators for a direction (`collab-admin stats`): `stat` records, one per figure, each
/// with its `metric`, the dimensions it is about, and its values.
package enum Stats {
    /// What the indicators cover.
    package struct Window: Sendable {
        /// Inclusive start.
        package var from: Instant
        /// Exclusive end.
        package var to: Instant
        /// When set, figures about people count only this group's members.
        package var group: String?
        /// The zone ISO weeks are counted in.
        package var zone: Zone
        /// Now: a task is overdue once its due time has passed.
        package var now: Instant

        package init(from: Instant, to: Instant, group: String?, zone: Zone, now: Instant) {
            self.from = from
            self.to = to
            self.group = group
            self.zone = zone
            self.now = now
        }

        var fromText: String { RFC3339.format(from) }
        var toText: String { RFC3339.format(to) }
    }

    /// Emits every indicator (admins only), metric after metric: messages, tasks, circuit
    /// steps, meeting hours, active users.
    package static func all(_ sql: SQL, _ actor: Actor, _ w: Window, _ emit: (JSONObject) throws -> Void) throws {
        try Access.requireAdmin(actor, "read the indicators")
        let members = try w.group.map { g -> Set<String> in
            guard try Directory.group(sql, g) != nil else { throw CollabError.notFound("group", g) }
            return Set(try Directory.membersOf(sql, g))
        }
        try messages(sql, w, members, emit)
        try tasks(sql, w, members, emit)
        try circuitSteps(sql, w, emit)
        try meetingHours(sql, actor, w, members, emit)
        try activeUsers(sql, w, members, emit)
    }

    /// A `stat` record.
    static func stat(_ metric: String, _ dims: [(String, JSONValue)], _ values: [(String, JSONValue)]) -> JSONObject {
        let key = ([metric] + dims.map { $0.1.cellText }).joined(separator: ":")
        let head: [(String, JSONValue)] = [("type", .string("stat")), ("id", .string(key)), ("metric", .string(metric))]
        return JSONObject(head + dims + values)
    }

    /// Messages posted per channel per ISO week (tombstones count: they were posted),
    /// streamed in channel then week order.
    static func messages(_ sql: SQL, _ w: Window, _ members: Set<String>?, _ emit: (JSONObject) throws -> Void) throws {
        var current: (channel: String, week: String)?
        var count: Int64 = 0
        func flush() throws {
            if let c = current, count > 0 {
                try emit(stat("messages", [("channel", .string(c.channel)), ("week", .string(c.week))], [("count", .int(count))]))
            }
        }
        try sql.each(
            "SELECT channel, ts, author FROM messages WHERE ts >= ? AND ts < ? ORDER BY channel, ts",
            [.text(w.fromText), .text(w.toText)]
        ) { r in
            if let members, !members.contains(r.string(2)) { return true }
            guard let ts = RFC3339.parse(r.string(1)) else { return true }
            let key = (r.string(0), isoWeek(w.zone.civil(ts).date))
            if current.map({ $0.channel != key.0 || $0.week != key.1 }) ?? true {
                try flush()
                current = key
                count = 0
            }
            count += 1
            return true
        }
        try flush()
    }

    /// The ISO 8601 week of a date, `2026-W48`.
    package static func isoWeek(_ d: CivilDate) -> String {
        let thursday = d.adding(days: 4 - d.weekday)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)!
        let week = (thursday.daysSinceEpoch - jan1.daysSinceEpoch) / 7 + 1
        return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// The median (mean of the two middle values for an even count) and the 90th
    /// percentile (nearest rank: the ⌈0.9·n⌉-th smallest) of durations in seconds.
    package static func medianAndP90(_ values: [Int64]) -> (median: Int64, p90: Int64)? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let n = s.count
        let median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        let rank = (9 * n + 9) / 10  // ⌈0.9·n⌉
        return (median, s[max(rank, 1) - 1])
    }

    static func duration(_ seconds: Int64) -> JSONValue { .string(ISODuration(seconds: seconds).iso) }
}
