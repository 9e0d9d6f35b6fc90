/// RFC 3339 text: `2026-12-01T13:00:00Z` on output, any offset on input.
package enum RFC3339 {
    /// The instant in UTC with a `Z`, e.g. `2026-12-01T13:00:00Z` (SPEC §3).
    package static func format(_ i: Instant) -> String {
        Zone.utc.civil(i).iso + "Z"
    }

    /// The instant with the zone's offset, e.g. `2026-12-01T14:00:00+01:00`.
    package static func format(_ i: Instant, in zone: Zone) -> String {
        zone.civil(i).iso + formatOffset(zone.offset(at: i))
    }

    /// The local wall-clock time for tables, `YYYY-MM-DD HH:MM`, e.g. `2026-12-01 14:00`.
    package static func formatLocal(_ i: Instant, in zone: Zone) -> String {
        let local = zone.civil(i)
        return local.date.iso + " " + CivilDate.pad(local.hour, 2) + ":" + CivilDate.pad(local.minute, 2)
    }

    /// An offset as `+HH:MM` or `-HH:MM`; `Z` would only be right for UTC itself.
    package static func formatOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + CivilDate.pad(minutes / 60, 2) + ":" + CivilDate.pad(minutes % 60, 2)
    }

    /// The instant an RFC 3339 date-time stands for: `Z` or `±HH:MM`, `T`, `t` or a space
    /// between date and time, fractional seconds truncated; nil for anything else.
    package static func parse(_ s: String) -> Instant? {
        guard let parts = components(s, requireSeconds: true), let offset = parts.offset else {
            return nil
        }
        return Instant(seconds: parts.local.secondsSinceEpoch - Int64(offset))
    }

    /// `YYYY-MM-DD[Tt ]HH:MM[:SS[.fff]][Z|±HH:MM]`: the wall time and the offset if given.
    static func components(_ s: String, requireSeconds: Bool) -> (local: CivilDateTime, offset: Int?)? {
        var scanner = TimeScanner(s)
        guard let date = scanner.date(), scanner.take(anyOf: Array("T ".utf8)) != nil else { return nil }
        let timeStart = scanner.index
        guard let time = scanner.timeOfDay(requireSeconds: requireSeconds) else { return nil }
        if scanner.take(UInt8(ascii: ".")) {
            // Fractions need seconds before them and at least one digit; they are dropped.
            guard scanner.index - timeStart == 9, scanner.skipDigits() > 0
            else { return nil }
        }
        let local = CivilDateTime(date: date, hour: time.hour, minute: time.minute, second: time.second)
        if scanner.isAtEnd { return (local, nil) }
        if scanner.take(UInt8(ascii: "Z")) {
            return scanner.isAtEnd ? (local, 0) : nil
        }
        guard let sign = scanner.take(anyOf: Array("+-".utf8)),
              let hours = scanner.number(minDigits: 2, maxDigits: 2), hours <= 23,
              scanner.take(UInt8(ascii: ":")),
              let minutes = scanner.number(minDigits: 2, maxDigits: 2), minutes <= 59,
              scanner.isAtEnd
        else { return nil }
        let offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return (local, offset)
    }
}
