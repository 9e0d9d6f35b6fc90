/// What a user typed for a time (SPEC §4), read relative to now in a zone.
///
/// Accepted, in any case: RFC 3339; `YYYY-MM-DD` (local midnight), `YYYY-MM-DD HH:MM[:SS]`,
/// `YYYY-MM-DDTHH:MM`; `now`, `today`, `tomorrow`, `yesterday`; weekdays (`monday`, `mon`,
/// `next monday`: the next one strictly after today; `last monday`: strictly before);
/// offsets from now (`+3d`, `-2h`, `+1h30m`: days and weeks keep the local time, hours,
/// minutes and seconds are exact); a day followed by a time (`tomorrow 09:00`,
/// `next monday 14h`, `friday at 9h30`); a bare time (`14:00`, today).
package enum TimeInput {
    /// The instant `text` stands for; throws `invalidTime(text)` when it matches no form.
    package static func parse(_ text: String, now: Instant, zone: Zone) throws -> Instant {
        switch try read(text, now: now, zone: zone) {
        case .instant(let instant):
            return instant
        case .local(let date, nil):
            return zone.startOfDay(date)
        case .local(let date, let time?):
            return zone.instant(
                CivilDateTime(date: date, hour: time.hour, minute: time.minute, second: time.second))
        }
    }

    /// The local date `text` stands for in `zone`, from the same forms; any time is dropped.
    package static func parseDate(_ text: String, now: Instant, zone: Zone) throws -> CivilDate {
        switch try read(text, now: now, zone: zone) {
        case .instant(let instant): zone.civil(instant).date
        case .local(let date, _): date
        }
    }

    private struct TimeOfDay {
        var hour: Int
        var minute: Int
        var second: Int
    }

    private enum Reading {
        case instant(Instant)
        case local(CivilDate, TimeOfDay?)
    }

    private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    private static func read(_ text: String, now: Instant, zone: Zone) throws -> Reading {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let joined = words.joined(separator: " ")
        if joined == "now" { return .instant(now) }
        if let sign = joined.first, sign == "+" || sign == "-" {
            guard let duration = try? ISODuration.parse(String(joined.dropFirst())) else {
                throw TimeError.invalidTime(text)
            }
            return .instant((sign == "-" ? duration.negated : duration).added(to: now, in: zone))
        }
        if let parts = RFC3339.components(joined, requireSeconds: false) {
            guard let offset = parts.offset else {
                let local = parts.local
                return .local(local.date, TimeOfDay(hour: local.hour, minute: local.minute, second: local.second))
            }
            return .instant(Instant(seconds: parts.local.secondsSinceEpoch - Int64(offset)))
        }

        let today = zone.civil(now).date
        if let (date, used) = dayPhrase(words, today: today) {
            var rest = words.dropFirst(used)
            if rest.first == "at" { rest = rest.dropFirst() }
            if rest.isEmpty, used == words.count { return .local(date, nil) }
            if rest.count == 1, let time = timeOfDay(rest[rest.startIndex]) { return .local(date, time) }
            throw TimeError.invalidTime(text)
        }
        if words.count == 1, let time = timeOfDay(words[0]) { return .local(today, time) }
        throw TimeError.invalidTime(text)
    }

    /// The date named by the first one or two words, and how many words it took.
    private static func dayPhrase(_ words: [String], today: CivilDate) -> (CivilDate, Int)? {
        guard let first = words.first else { return nil }
        switch first {
        case "today": return (today, 1)
        case "tomorrow": return (today.adding(days: 1), 1)
        case "yesterday": return (today.adding(days: -1), 1)
        default: break
        }
        if let date = CivilDate.parse(first) { return (date, 1) }
        if let weekday = weekday(first) { return (after(today, weekday), 1) }
        if words.count >= 2, let weekday = weekday(words[1]) {
            if first == "next" { return (after(today, weekday), 2) }
            if first == "last" { return (before(today, weekday), 2) }
        }
        return nil
    }

    /// The ISO weekday (1 = Monday) of `monday`…`sunday` or `mon`…`sun`.
    private static func weekday(_ word: String) -> Int? {
        guard let index = weekdays.firstIndex(where: { $0 == word || $0.prefix(3) == word }) else {
            return nil
        }
        return index + 1
    }

    /// The first date with `weekday` strictly after `date`.
    private static func after(_ date: CivilDate, _ weekday: Int) -> CivilDate {
        let ahead = (weekday - date.weekday + 7) % 7
        return date.adding(days: ahead == 0 ? 7 : ahead)
    }

    /// The last date with `weekday` strictly before `date`.
    private static func before(_ date: CivilDate, _ weekday: Int) -> CivilDate {
        let back = (date.weekday - weekday + 7) % 7
        return date.adding(days: -(back == 0 ? 7 : back))
    }

    /// `H:MM`, `HH:MM`, `HH:MM:SS`, or French style `HHh`, `HHhMM`; nil when malformed or out of range.
    private static func timeOfDay(_ word: String) -> TimeOfDay? {
        var scanner = TimeScanner(word)
        guard let hour = scanner.number(minDigits: 1, maxDigits: 2) else { return nil }
        var minute = 0
        var second = 0
        if scanner.take(UInt8(ascii: ":")) {
            guard let value = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
            minute = value
            if scanner.take(UInt8(ascii: ":")) {
                guard let value = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                second = value
            }
        } else if scanner.take(UInt8(ascii: "h")) {
            if !scanner.isAtEnd {
                guard let value = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                minute = value
            }
        } else {
            return nil
        }
        guard scanner.isAtEnd, hour <= 23, minute <= 59, second <= 59 else { return nil }
        return TimeOfDay(hour: hour, minute: minute, second: second)
    }
}
