/// The recurrence of a task (`--recur`): a named period or a simple RRULE, expanded in the
/// zone the task was planned in, so a weekly 09:00 task stays at 09:00 local time across
/// daylight-saving changes.
///
/// Names: `daily`, `weekdays`, `weekly`, `biweekly`, `monthly`, `quarterly`, `yearly`.
/// RRULE parts: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY (with an ordinal
/// for MONTHLY, like `1MO` or `-1FR`), BYMONTHDAY (negative counts from the month's end),
/// BYMONTH, COUNT and UNTIL. A date that does not exist (the 31st in April) is skipped, as
/// RFC 5545 says.
package struct TaskRecurrence: Equatable, Sendable {
    package enum Frequency: String, Sendable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    package var frequency: Frequency
    package var interval = 1
    /// Weekdays (1 = Monday … 7 = Sunday) with an optional ordinal (0 = every).
    package var byDay: [(ordinal: Int, weekday: Int)] = []
    package var byMonthDay: [Int] = []
    package var byMonth: [Int] = []
    package var count: Int?
    package var until: Instant?

    package static func == (a: TaskRecurrence, b: TaskRecurrence) -> Bool {
        a.frequency == b.frequency && a.interval == b.interval && a.byMonthDay == b.byMonthDay && a.byMonth == b.byMonth
            && a.count == b.count && a.until == b.until && a.byDay.map { [$0.ordinal, $0.weekday] } == b.byDay.map { [$0.ordinal, $0.weekday] }
    }

    static let dayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Parses a name or an RRULE (with or without the `RRULE:` prefix); exit 65 otherwise.
    package static func parse(_ text: String) throws -> TaskRecurrence {
        let t = text.trimmingSpaces
        switch t.lowercased() {
        case "daily": return TaskRecurrence(frequency: .daily)
        case "weekdays": return TaskRecurrence(frequency: .daily, byDay: (1...5).map { (0, $0) })
        case "weekly": return TaskRecurrence(frequency: .weekly)
        case "biweekly": return TaskRecurrence(frequency: .weekly, interval: 2)
        case "monthly": return TaskRecurrence(frequency: .monthly)
        case "quarterly": return TaskRecurrence(frequency: .monthly, interval: 3)
        case "yearly", "annually": return TaskRecurrence(frequency: .yearly)
        default: break
        }
        func bad(_ why: String) -> CollabError { CollabError.invalid("recur", text, why) }
        var body = Substring(t.uppercased())
        if body.hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var rule: TaskRecurrence?
        var parts: [(String, String)] = []
        for part in body.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw bad("expected daily, weekdays, weekly, biweekly, monthly, quarterly, yearly or an RRULE like FREQ=WEEKLY;BYDAY=MO") }
            if kv[0] == "FREQ" {
                guard let f = Frequency(rawValue: kv[1]) else { throw bad("FREQ is DAILY, WEEKLY, MONTHLY or YEARLY for a task") }
                rule = TaskRecurrence(frequency: f)
            } else {
                parts.append((kv[0], kv[1]))
            }
        }
        guard var r = rule else { throw bad("expected daily, weekdays, weekly, biweekly, monthly, quarterly, yearly or an RRULE with FREQ") }
        for (k, v) in parts {
            let list = v.split(separator: ",").map(String.init)
            switch k {
            case "INTERVAL":
                guard let i = Int(v), i >= 1, i <= 1000 else { throw bad("INTERVAL is a number from 1") }
                r.interval = i
            case "COUNT":
                guard let c = Int(v), c >= 1 else { throw bad("COUNT is a number from 1") }
                r.count = c
            case "UNTIL":
                if let i = RFC3339.parse(v) ?? basicTime(v) { r.until = i } else { throw bad("UNTIL is a time like 20271231T235959Z") }
            case "BYMONTHDAY":
                r.byMonthDay = try list.map { d in
                    guard let x = Int(d), x != 0, abs(x) <= 31 else { throw bad("BYMONTHDAY is 1 to 31 or -31 to -1") }
                    return x
                }
            case "BYMONTH":
                r.byMonth = try list.map { m in
                    guard let x = Int(m), (1...12).contains(x) else { throw bad("BYMONTH is 1 to 12") }
                    return x
                }
            case "BYDAY":
                r.byDay = try list.map { d in
                    let name = String(d.suffix(2))
                    guard let w = dayNames.firstIndex(of: name) else { throw bad("BYDAY takes MO, TU, WE, TH, FR, SA, SU") }
                    let ord = d.dropLast(2)
                    var o = 0
                    if !ord.isEmpty {
                        guard let x = Int(ord.hasPrefix("+") ? ord.dropFirst() : ord), x != 0, abs(x) <= 5 else { throw bad("a BYDAY ordinal is 1 to 5 or -5 to -1") }
                        o = x
                    }
                    return (o, w + 1)
                }
            case "WKST":
                guard v == "MO" else { throw bad("only WKST=MO is supported for tasks") }
            default:
                throw bad("\(k) is not supported for tasks (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL are)")
            }
        }
        if r.byDay.contains(where: { $0.ordinal != 0 }) && r.frequency != .monthly && r.frequency != .yearly {
            throw bad("a BYDAY ordinal needs FREQ=MONTHLY or YEARLY")
        }
        return r
    }

    private static func basicTime(_ v: String) -> Instant? {
        // 20271231T235959Z or 20271231
        let b = Array(v.utf8)
        guard b.count == 16 || b.count == 8 else { return nil }
        let s = String(v)
        let date = "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.dropFirst(6).prefix(2))"
        if b.count == 8 { return RFC3339.parse(date + "T23:59:59Z") }
        let time = "\(s.dropFirst(9).prefix(2)):\(s.dropFirst(11).prefix(2)):\(s.dropFirst(13).prefix(2))"
        return RFC3339.parse(date + "T" + time + "Z")
    }

    /// The first occurrence strictly after `previous` (local), for a series that started
    /// at `anchor` (local): the same wall-clock time, on the next date the rule allows.
    /// `index` is the previous occurrence's number (1 for the first); nil when the series
    /// is over (COUNT, UNTIL) or nothing matches within 20 years.
    package func next(after previous: Instant, anchor: Instant, index: Int64, zone: Zone) -> Instant? {
        if let count, index >= Int64(count) { return nil }
        let anchorLocal = zone.civil(anchor)
        let prevLocal = zone.civil(previous)
        var date = prevLocal.date
        for _ in 0..<(366 * 20) {
            date = date.adding(days: 1)
            guard matches(date, anchor: anchorLocal.date) else { continue }
            let local = CivilDateTime(date: date, hour: anchorLocal.hour, minute: anchorLocal.minute, second: anchorLocal.second)
            let i = zone.instant(local)
            if let until, until < i { return nil }
            if i.seconds <= previous.seconds { continue }
            return i
        }
        return nil
    }

    func matches(_ d: CivilDate, anchor: CivilDate) -> Bool {
        if !byMonth.isEmpty && !byMonth.contains(d.month) { return false }
        switch frequency {
        case .daily:
            let diff = d.daysSinceEpoch - anchor.daysSinceEpoch
            guard diff % Int64(interval) == 0 else { return false }
            return byDay.isEmpty || byDay.contains { $0.weekday == d.weekday }
        case .weekly:
            let week = (d.daysSinceEpoch - Int64(d.weekday - 1)) / 7
            let anchorWeek = (anchor.daysSinceEpoch - Int64(anchor.weekday - 1)) / 7
            guard (week - anchorWeek) % Int64(interval) == 0 else { return false }
            return byDay.isEmpty ? d.weekday == anchor.weekday : byDay.contains { $0.weekday == d.weekday }
        case .monthly:
            let months = (d.year - anchor.year) * 12 + d.month - anchor.month
            guard months % interval == 0 else { return false }
            return dayMatches(d, anchor: anchor)
        case .yearly:
            guard (d.year - anchor.year) % interval == 0 else { return false }
            if byMonth.isEmpty && d.month != anchor.month { return false }
            return dayMatches(d, anchor: anchor)
        }
    }

    private func dayMatches(_ d: CivilDate, anchor: CivilDate) -> Bool {
        let last = CivilDate.daysInMonth(year: d.year, month: d.month)
        if !byMonthDay.isEmpty {
            return byMonthDay.contains { $0 > 0 ? $0 == d.day : last + $0 + 1 == d.day }
        }
        if !byDay.isEmpty {
            return byDay.contains { e in
                guard e.weekday == d.weekday else { return false }
                if e.ordinal == 0 { return true }
                let nth = (d.day - 1) / 7 + 1
                let nthFromEnd = (last - d.day) / 7 + 1
                return e.ordinal > 0 ? nth == e.ordinal : nthFromEnd == -e.ordinal
            }
        }
        return d.day == anchor.day
    }
}
