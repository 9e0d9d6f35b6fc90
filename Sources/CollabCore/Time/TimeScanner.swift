/// A cursor over the ASCII bytes of a short text: dates, times, offsets, durations, TZ rules.
///
/// Methods that fail leave the cursor where it was, so callers can try another form.
struct TimeScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: some StringProtocol) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index >= bytes.count }

    var peek: UInt8? { isAtEnd ? nil : bytes[index] }

    /// The text not read yet.
    var rest: String { String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self) }

    /// Consumes `byte` if it is next, ignoring ASCII case for letters.
    mutating func take(_ byte: UInt8) -> Bool {
        guard let next = peek, TimeScanner.lower(next) == TimeScanner.lower(byte) else { return false }
        index += 1
        return true
    }

    /// Consumes the next byte if it is one of `choices`, ignoring ASCII case, and returns it lowercased.
    mutating func take(anyOf choices: [UInt8]) -> UInt8? {
        guard let next = peek.map(TimeScanner.lower), choices.map(TimeScanner.lower).contains(next) else {
            return nil
        }
        index += 1
        return next
    }

    mutating func skipSpaces() {
        while peek == UInt8(ascii: " ") || peek == UInt8(ascii: "\t") { index += 1 }
    }

    /// Skips decimal digits and says how many there were.
    mutating func skipDigits() -> Int {
        let start = index
        while let next = peek, (0x30...0x39).contains(next) { index += 1 }
        return index - start
    }

    /// Reads between `minDigits` and `maxDigits` (at most 18) decimal digits as a number.
    mutating func number(minDigits: Int = 1, maxDigits: Int = 18) -> Int? {
        let start = index
        var value = 0
        while index - start < min(maxDigits, 18), let next = peek, (0x30...0x39).contains(next) {
            value = value * 10 + Int(next - 0x30)
            index += 1
        }
        guard index - start >= minDigits else {
            index = start
            return nil
        }
        return value
    }

    /// Reads a number and an ASCII letter right after it, e.g. `30m`; nil when either is missing.
    mutating func numberAndUnit() -> (Int, UInt8)? {
        let start = index
        guard let value = number(), let unit = peek.map(TimeScanner.lower),
              (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(unit)
        else {
            index = start
            return nil
        }
        index += 1
        return (value, unit)
    }

    /// Reads a strict `YYYY-MM-DD` that names a real date.
    mutating func date() -> CivilDate? {
        let start = index
        guard let year = number(minDigits: 4, maxDigits: 4), take(UInt8(ascii: "-")),
              let month = number(minDigits: 2, maxDigits: 2), take(UInt8(ascii: "-")),
              let day = number(minDigits: 2, maxDigits: 2),
              let date = CivilDate(year: year, month: month, day: day)
        else {
            index = start
            return nil
        }
        return date
    }

    /// Reads a strict `HH:MM` or `HH:MM:SS` (two digits each) in range.
    mutating func timeOfDay(requireSeconds: Bool) -> (hour: Int, minute: Int, second: Int)? {
        let start = index
        guard let hour = number(minDigits: 2, maxDigits: 2), take(UInt8(ascii: ":")),
              let minute = number(minDigits: 2, maxDigits: 2)
        else {
            index = start
            return nil
        }
        var second = 0
        if take(UInt8(ascii: ":")) {
            guard let value = number(minDigits: 2, maxDigits: 2) else {
                index = start
                return nil
            }
            second = value
        } else if requireSeconds {
            index = start
            return nil
        }
        guard hour <= 23, minute <= 59, second <= 59 else {
            index = start
            return nil
        }
        return (hour, minute, second)
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// `text` without leading and trailing white space.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
