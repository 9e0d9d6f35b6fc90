extension Zone.PosixRule {
    /// Reads a POSIX TZ string (`EST5EDT,M3.2.0,M11.1.0`, `<+03>-3`, `CET-1CEST,M3.5.0,M10.5.0/3`),
    /// with the RFC 8536 extensions (hours up to 167, negative times); nil when malformed.
    static func parse(_ text: String) -> Zone.PosixRule? {
        var scanner = TimeScanner(text)
        guard let standardName = name(&scanner), let standardOffset = hours(&scanner, limit: 24)
        else { return nil }
        // POSIX offsets count hours west of UTC; ours count seconds east.
        let standard = Zone.LocalTimeType(
            offset: -standardOffset, isDaylight: false, abbreviation: standardName)
        if scanner.isAtEnd { return Zone.PosixRule(standard: standard, daylight: nil) }

        guard let daylightName = name(&scanner) else { return nil }
        var daylightOffset = standard.offset + 3600
        if let next = scanner.peek, next != UInt8(ascii: ",") {
            guard let value = hours(&scanner, limit: 24) else { return nil }
            daylightOffset = -value
        }
        var rule = Zone.PosixRule(
            standard: standard,
            daylight: Zone.LocalTimeType(
                offset: daylightOffset, isDaylight: true, abbreviation: daylightName)
        )
        if scanner.isAtEnd { return rule }  // the US rules are the customary default
        guard scanner.take(UInt8(ascii: ",")), let start = change(&scanner),
              scanner.take(UInt8(ascii: ",")), let end = change(&scanner), scanner.isAtEnd
        else { return nil }
        rule.start = start
        rule.end = end
        return rule
    }

    /// An abbreviation: three or more letters, or anything alphanumeric between `<` and `>`.
    private static func name(_ scanner: inout TimeScanner) -> String? {
        var characters: [UInt8] = []
        if scanner.take(UInt8(ascii: "<")) {
            while let next = scanner.peek, next != UInt8(ascii: ">") {
                let allowed = isLetter(next) || (0x30...0x39).contains(next)
                    || next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
                guard allowed else { return nil }
                characters.append(next)
                scanner.index += 1
            }
            guard scanner.take(UInt8(ascii: ">")), !characters.isEmpty else { return nil }
        } else {
            while let next = scanner.peek, isLetter(next) {
                characters.append(next)
                scanner.index += 1
            }
            guard characters.count >= 3 else { return nil }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// `[+-]h[h[h]][:mm[:ss]]` as signed seconds, the hours at most `limit`.
    private static func hours(_ scanner: inout TimeScanner, limit: Int) -> Int? {
        var sign = 1
        if scanner.take(UInt8(ascii: "-")) {
            sign = -1
        } else {
            _ = scanner.take(UInt8(ascii: "+"))
        }
        guard let hour = scanner.number(minDigits: 1, maxDigits: 3), hour <= limit else { return nil }
        var seconds = hour * 3600
        if scanner.take(UInt8(ascii: ":")) {
            guard let minute = scanner.number(minDigits: 1, maxDigits: 2), minute <= 59 else { return nil }
            seconds += minute * 60
            if scanner.take(UInt8(ascii: ":")) {
                guard let second = scanner.number(minDigits: 1, maxDigits: 2), second <= 59 else {
                    return nil
                }
                seconds += second
            }
        }
        return sign * seconds
    }

    /// `date[/time]`, the time 02:00 when absent.
    private static func change(_ scanner: inout TimeScanner) -> Change? {
        let day: Day
        if scanner.take(UInt8(ascii: "J")) {
            guard let n = scanner.number(maxDigits: 3), (1...365).contains(n) else { return nil }
            day = .julian(n)
        } else if scanner.take(UInt8(ascii: "M")) {
            guard let month = scanner.number(maxDigits: 2), (1...12).contains(month),
                  scanner.take(UInt8(ascii: ".")),
                  let week = scanner.number(maxDigits: 1), (1...5).contains(week),
                  scanner.take(UInt8(ascii: ".")),
                  let weekday = scanner.number(maxDigits: 1), (0...6).contains(weekday)
            else { return nil }
            day = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else {
            guard let n = scanner.number(maxDigits: 3), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var time = 7200
        if scanner.take(UInt8(ascii: "/")) {
            guard let value = hours(&scanner, limit: 167) else { return nil }
            time = value
        }
        return Change(day: day, time: time)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(TimeScanner.lower(byte))
    }
}
