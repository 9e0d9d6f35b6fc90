/// An ISO 8601 duration, kept as calendar days plus exact seconds.
///
/// `P2D` is two calendar days (48 hours, or 47 or 49 across a daylight-saving change);
/// `PT48H` is always 48 hours.
package struct ISODuration: Hashable, Sendable, CustomStringConvertible {
    /// Calendar days (weeks count 7).
    package var days: Int
    /// Exact seconds (hours, minutes, seconds).
    package var seconds: Int64

    /// A duration of calendar days and exact seconds.
    package init(days: Int = 0, seconds: Int64 = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Reads `PT1H30M`, `P1DT2H`, `P2W` (ISO 8601) or `90m`, `1h30m`, `1h 30m`, `2d`, `1w`,
    /// `45s` (short form), in any case; throws `invalidDuration` for anything else,
    /// including signs, empty durations, `P` and `PT`.
    package static func parse(_ s: String) throws -> ISODuration {
        let text = TimeScanner.trimmed(s)
        var scanner = TimeScanner(text)
        let parsed = scanner.take(UInt8(ascii: "P")) ? isoForm(&scanner) : shortForm(&scanner)
        guard let parsed, scanner.isAtEnd else { throw TimeError.invalidDuration(s) }
        return parsed
    }

    /// The ISO 8601 text: `PT1H30M`, `P2D`, `P1DT2H`, `PT0S` for zero; days as `D`, never `W`.
    package var iso: String {
        if days == 0 && seconds == 0 { return "PT0S" }
        if days <= 0 && seconds <= 0 {
            return "-" + ISODuration(days: -days, seconds: -seconds).iso
        }
        var text = "P"
        if days != 0 { text += "\(days)D" }
        if seconds != 0 {
            text += "T"
            let hours = seconds / 3600
            let minutes = seconds % 3600 / 60
            let rest = seconds % 60
            if hours != 0 { text += "\(hours)H" }
            if minutes != 0 { text += "\(minutes)M" }
            if rest != 0 { text += "\(rest)S" }
        }
        return text
    }

    /// The ISO text.
    package var description: String { iso }

    /// The length in seconds, counting each day as 86 400 seconds.
    package var totalSeconds: Int64 {
        Int64(days) * 86_400 + seconds
    }

    /// Whether the duration is zero.
    package var isZero: Bool { days == 0 && seconds == 0 }

    /// The duration with both parts negated, for going back in time.
    package var negated: ISODuration { ISODuration(days: -days, seconds: -seconds) }

    /// `i` moved by this duration: days as calendar days in `zone` (same wall-clock time,
    /// so 23 or 25 hours across a daylight-saving change), then the seconds exactly.
    package func added(to i: Instant, in zone: Zone) -> Instant {
        var result = i
        if days != 0 {
            var local = zone.civil(i)
            local.date = local.date.adding(days: days)
            result = zone.instant(local)
        }
        return result.adding(seconds: seconds)
    }

    /// After the `P`: `[nW][nD][T[nH][nM][nS]]`, at least one part, units in that order.
    private static func isoForm(_ scanner: inout TimeScanner) -> ISODuration? {
        var parts = Parts()
        while let (value, unit) = scanner.numberAndUnit() {
            guard parts.add(value, unit: unit, allowed: "wd") else { return nil }
        }
        if scanner.take(UInt8(ascii: "T")) {
            let before = parts.count
            while let (value, unit) = scanner.numberAndUnit() {
                guard parts.add(value, unit: unit, allowed: "hms") else { return nil }
            }
            guard parts.count > before else { return nil }
        }
        return parts.count > 0 ? parts.duration : nil
    }

    /// `[nw][nd][nh][nm][ns]`, spaces allowed between parts, at least one part.
    private static func shortForm(_ scanner: inout TimeScanner) -> ISODuration? {
        var parts = Parts()
        while let (value, unit) = scanner.numberAndUnit() {
            guard parts.add(value, unit: unit, allowed: "wdhms") else { return nil }
            scanner.skipSpaces()
        }
        return parts.count > 0 ? parts.duration : nil
    }

    /// The parts read so far; each unit once, in decreasing size.
    private struct Parts {
        static let order = Array("wdhms".utf8)
        var count = 0
        var lastRank = -1
        var days = 0
        var seconds: Int64 = 0

        var duration: ISODuration { ISODuration(days: days, seconds: seconds) }

        mutating func add(_ value: Int, unit: UInt8, allowed: String) -> Bool {
            guard allowed.utf8.contains(unit), let rank = Parts.order.firstIndex(of: unit),
                  rank > lastRank
            else { return false }
            // Values beyond about 10^7 days are typing mistakes, and would overflow.
            guard value <= 10_000_000 * (rank <= 1 ? 1 : 86_400) else { return false }
            lastRank = rank
            count += 1
            switch unit {
            case UInt8(ascii: "w"): days += value * 7
            case UInt8(ascii: "d"): days += value
            case UInt8(ascii: "h"): seconds += Int64(value) * 3600
            case UInt8(ascii: "m"): seconds += Int64(value) * 60
            default: seconds += Int64(value)
            }
            return true
        }
    }
}
