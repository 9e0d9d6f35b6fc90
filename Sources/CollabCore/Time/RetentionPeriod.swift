/// How long records are kept: calendar years and months, then calendar days and exact
/// seconds (an `ISODuration`). Read from `1y`, `6mo`, `2y6mo`, `P1Y`, `P6M`, `P1Y6M`, or any
/// duration collab reads (`90d`, `P2W`, `36h`).
package struct RetentionPeriod: Equatable, Sendable, CustomStringConvertible {
    /// Calendar years.
    package var years: Int
    /// Calendar months.
    package var months: Int
    /// Days and seconds, after the years and months.
    package var rest: ISODuration

    /// A period of years, months and the rest.
    package init(years: Int = 0, months: Int = 0, rest: ISODuration = ISODuration()) {
        self.years = years
        self.months = months
        self.rest = rest
    }

    /// Reads a period; exit 65 for anything else, or for a zero period.
    package static func parse(_ text: String) throws -> RetentionPeriod {
        let t = text.trimmingSpaces
        let bad = CollabError.invalid("duration", text, "expected a period like 1y, 6mo, 2y6mo, P1Y6M, 90d or P2W")
        var p = RetentionPeriod()
        var s = Substring(t.lowercased())
        let iso = s.hasPrefix("p")
        if iso { s = s.dropFirst() }
        // Leading years and months; what follows is left to ISODuration.
        var consumedAny = false
        while let digitsEnd = s.firstIndex(where: { !$0.isASCII || !$0.isNumber }), digitsEnd != s.startIndex {
            let digits = s[..<digitsEnd]
            let unit = s[digitsEnd...]
            guard let n = Int(digits), n <= 10_000 else { throw bad }
            if unit.hasPrefix("y") && p.years == 0 && p.months == 0 {
                p.years = n
                s = unit.dropFirst()
            } else if iso && unit.hasPrefix("m") && p.months == 0 {
                p.months = n
                s = unit.dropFirst()
            } else if !iso && unit.hasPrefix("mo") && p.months == 0 {
                p.months = n
                s = unit.dropFirst(2)
            } else {
                break
            }
            consumedAny = true
        }
        if !s.isEmpty {
            do { p.rest = try ISODuration.parse(iso ? "P" + s.uppercased() : String(s)) } catch { throw bad }
            guard p.rest.days >= 0 && p.rest.seconds >= 0 else { throw bad }
        } else if !consumedAny {
            throw bad
        }
        guard p.years > 0 || p.months > 0 || !p.rest.isZero else {
            throw CollabError.invalid("duration", text, "a retention period must be longer than zero")
        }
        return p
    }

    /// The ISO 8601 text: `P1Y`, `P6M`, `P1Y6M`, `P90D`, `PT36H`.
    package var iso: String {
        var text = "P"
        if years > 0 { text += "\(years)Y" }
        if months > 0 { text += "\(months)M" }
        if !rest.isZero {
            text += rest.iso.dropFirst()
        }
        return text
    }

    /// The ISO text.
    package var description: String { iso }

    /// The instant this period before `now`, counted in UTC: years and months as calendar
    /// months (31 March less one month is 28 or 29 February), then the rest.
    package func cutoff(before now: Instant) -> Instant { shift(now, by: -1) }

    /// The instant this period after `now`, counted the same way (a retention's end:
    /// 29 February plus one year is 28 February).
    package func end(after now: Instant) -> Instant { shift(now, by: 1) }

    private func shift(_ now: Instant, by sign: Int) -> Instant {
        var local = Zone.utc.civil(now)
        let totalMonths = local.date.year * 12 + (local.date.month - 1) + sign * (years * 12 + months)
        let y = totalMonths / 12, m = totalMonths % 12 + 1
        var day = local.date.day
        while CivilDate(year: y, month: m, day: day) == nil { day -= 1 }
        local.date = CivilDate(year: y, month: m, day: day)!
        return (sign < 0 ? rest.negated : rest).added(to: Zone.utc.instant(local), in: Zone.utc)
    }
}
