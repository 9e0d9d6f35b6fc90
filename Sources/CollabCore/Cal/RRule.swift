/// A recurrence rule (RFC 5545 §3.3.10), e.g. `FREQ=MONTHLY;BYDAY=-1FR;COUNT=6`.
///
/// Parsing checks every part's range; `text` writes the rule back in a canonical order
/// (FREQ, UNTIL or COUNT, INTERVAL, the BY parts from the smallest unit, WKST), so a rule
/// read and written again compares equal.
package struct RRule: Hashable, Sendable, CustomStringConvertible {
    /// How often the rule repeats, from the finest to the coarsest.
    package enum Frequency: String, Sendable, CaseIterable, Comparable {
        case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY", daily = "DAILY"
        case weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"

        var rank: Int { Frequency.allCases.firstIndex(of: self)! }

        package static func < (a: Frequency, b: Frequency) -> Bool { a.rank < b.rank }
    }

    /// A BYDAY entry: a weekday (1 = Monday … 7 = Sunday) with an optional ordinal (`-1FR`).
    package struct WeekdayNum: Hashable, Sendable {
        package var ordinal: Int?
        package var weekday: Int

        package init(_ weekday: Int, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }
    }

    /// The end of the rule: a date (all-day events), a floating local time, or a UTC instant.
    package enum Until: Hashable, Sendable {
        case date(CivilDate)
        case local(CivilDateTime)
        case instant(Instant)
    }

    package var frequency: Frequency
    package var interval = 1
    package var count: Int?
    package var until: Until?
    package var bySecond: [Int] = []
    package var byMinute: [Int] = []
    package var byHour: [Int] = []
    package var byDay: [WeekdayNum] = []
    package var byMonthDay: [Int] = []
    package var byYearDay: [Int] = []
    package var byWeekNo: [Int] = []
    package var byMonth: [Int] = []
    package var bySetPos: [Int] = []
    /// The first day of the week (1 = Monday, the default).
    package var weekStart = 1

    /// A rule repeating at this frequency, every time, forever.
    package init(_ frequency: Frequency) {
        self.frequency = frequency
    }

    static let dayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Reads a rule (an optional `RRULE:` prefix allowed, parts in any order and case);
    /// throws a bad-input error naming the part at fault.
    package static func parse(_ text: String) throws -> RRule {
        var body = Substring(text.trimmingSpaces)
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        func bad(_ why: String) -> CollabError { CollabError.invalid("rrule", text, why) }
        var frequency: Frequency?
        var rule = RRule(.daily)
        var seen = Set<String>()
        for part in body.split(separator: ";", omittingEmptySubsequences: true) {
            guard let eq = part.firstIndex(of: "=") else { throw bad("expected NAME=VALUE parts, got '\(part)'") }
            let name = part[..<eq].uppercased()
            let value = String(part[part.index(after: eq)...]).uppercased()
            guard seen.insert(name).inserted else { throw bad("\(name) is given twice") }
            func ints(_ range: ClosedRange<Int>, zero: Bool = false) throws -> [Int] {
                try value.split(separator: ",", omittingEmptySubsequences: false).map { item in
                    guard let n = Int(item.hasPrefix("+") ? item.dropFirst() : item), range.contains(n), zero || n != 0 else {
                        throw bad("\(name) value '\(item)' is out of range \(range.lowerBound)...\(range.upperBound)")
                    }
                    return n
                }
            }
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: value) else { throw bad("unknown FREQ '\(value)'") }
                frequency = f
            case "INTERVAL":
                guard let n = Int(value), n >= 1 else { throw bad("INTERVAL must be a positive integer") }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { throw bad("COUNT must be a positive integer") }
                rule.count = n
            case "UNTIL":
                guard let u = parseUntil(value) else { throw bad("UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSS[Z]") }
                rule.until = u
            case "BYSECOND": rule.bySecond = try ints(0...60, zero: true)
            case "BYMINUTE": rule.byMinute = try ints(0...59, zero: true)
            case "BYHOUR": rule.byHour = try ints(0...23, zero: true)
            case "BYMONTHDAY": rule.byMonthDay = try ints(-31...31)
            case "BYYEARDAY": rule.byYearDay = try ints(-366...366)
            case "BYWEEKNO": rule.byWeekNo = try ints(-53...53)
            case "BYMONTH": rule.byMonth = try ints(1...12)
            case "BYSETPOS": rule.bySetPos = try ints(-366...366)
            case "WKST":
                guard let d = dayNames.firstIndex(of: value) else { throw bad("unknown WKST '\(value)'") }
                rule.weekStart = d + 1
            case "BYDAY":
                rule.byDay = try value.split(separator: ",", omittingEmptySubsequences: false).map { item in
                    guard item.count >= 2, let d = dayNames.firstIndex(of: String(item.suffix(2))) else {
                        throw bad("BYDAY value '\(item)' is not a weekday like MO, 2TU or -1FR")
                    }
                    let prefix = item.dropLast(2)
                    if prefix.isEmpty { return WeekdayNum(d + 1) }
                    guard let n = Int(prefix.hasPrefix("+") ? prefix.dropFirst() : prefix), n != 0, (-53...53).contains(n) else {
                        throw bad("BYDAY value '\(item)' has a bad ordinal")
                    }
                    return WeekdayNum(d + 1, ordinal: n)
                }
            default:
                if name.hasPrefix("X-") { continue }
                throw bad("unknown part '\(name)'")
            }
        }
        guard let frequency else { throw bad("FREQ is required") }
        rule.frequency = frequency
        if rule.count != nil && rule.until != nil { throw bad("COUNT and UNTIL cannot both be given") }
        if !rule.byWeekNo.isEmpty && frequency != .yearly { throw bad("BYWEEKNO is only allowed with FREQ=YEARLY") }
        if !rule.byYearDay.isEmpty && [.daily, .weekly, .monthly].contains(frequency) {
            throw bad("BYYEARDAY is not allowed with FREQ=\(frequency.rawValue)")
        }
        if !rule.byMonthDay.isEmpty && frequency == .weekly { throw bad("BYMONTHDAY is not allowed with FREQ=WEEKLY") }
        if rule.byDay.contains(where: { $0.ordinal != nil }) {
            if frequency < .monthly { throw bad("BYDAY ordinals need FREQ=MONTHLY or YEARLY") }
            if frequency == .yearly && !rule.byWeekNo.isEmpty { throw bad("BYDAY ordinals cannot be combined with BYWEEKNO") }
        }
        if !rule.bySetPos.isEmpty {
            guard !rule.bySetPos.contains(0) else { throw bad("BYSETPOS cannot be 0") }
            let others = [rule.bySecond, rule.byMinute, rule.byHour, rule.byMonthDay, rule.byYearDay, rule.byWeekNo, rule.byMonth]
            guard !rule.byDay.isEmpty || others.contains(where: { !$0.isEmpty }) else {
                throw bad("BYSETPOS needs another BY part")
            }
        }
        return rule
    }

    static func parseUntil(_ value: String) -> Until? {
        let b = Array(value.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var n = 0
            for c in b[from..<from + len] {
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let y = num(0, 4), let m = num(4, 2), let d = num(6, 2), let date = CivilDate(year: y, month: m, day: d) else {
            return nil
        }
        if b.count == 8 { return .date(date) }
        guard b.count == 15 || b.count == 16, b[8] == UInt8(ascii: "T"), let h = num(9, 2), let mi = num(11, 2),
              let s = num(13, 2), let local = CivilDateTime(validating: date, hour: h, minute: mi, second: min(s, 59))
        else { return nil }
        if b.count == 15 { return .local(local) }
        guard b[15] == UInt8(ascii: "Z") else { return nil }
        return .instant(Instant(seconds: local.secondsSinceEpoch))
    }

    /// The rule as RFC 5545 text, without the `RRULE:` prefix.
    package var text: String {
        var parts = ["FREQ=" + frequency.rawValue]
        switch until {
        case .date(let d)?: parts.append("UNTIL=" + ICalTime.date(d))
        case .local(let l)?: parts.append("UNTIL=" + ICalTime.local(l))
        case .instant(let i)?: parts.append("UNTIL=" + ICalTime.utc(i))
        case nil: break
        }
        if let count { parts.append("COUNT=\(count)") }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append(name + "=" + values.map(String.init).joined(separator: ",")) }
        }
        list("BYSECOND", bySecond)
        list("BYMINUTE", byMinute)
        list("BYHOUR", byHour)
        if !byDay.isEmpty {
            parts.append("BYDAY=" + byDay.map { ($0.ordinal.map(String.init) ?? "") + RRule.dayNames[$0.weekday - 1] }.joined(separator: ","))
        }
        list("BYMONTHDAY", byMonthDay)
        list("BYYEARDAY", byYearDay)
        list("BYWEEKNO", byWeekNo)
        list("BYMONTH", byMonth)
        list("BYSETPOS", bySetPos)
        if weekStart != 1 { parts.append("WKST=" + RRule.dayNames[weekStart - 1]) }
        return parts.joined(separator: ";")
    }

    package var description: String { text }
}

/// The compact iCalendar forms of dates and times (`20261201`, `20261201T090000`, `…Z`).
package enum ICalTime {
    /// `YYYYMMDD`.
    package static func date(_ d: CivilDate) -> String {
        CivilDate.pad(d.year, 4) + CivilDate.pad(d.month, 2) + CivilDate.pad(d.day, 2)
    }

    /// `YYYYMMDDTHHMMSS`, a local time.
    package static func local(_ l: CivilDateTime) -> String {
        date(l.date) + "T" + CivilDate.pad(l.hour, 2) + CivilDate.pad(l.minute, 2) + CivilDate.pad(l.second, 2)
    }

    /// `YYYYMMDDTHHMMSSZ`, a UTC time.
    package static func utc(_ i: Instant) -> String {
        local(Zone.utc.civil(i)) + "Z"
    }
}
