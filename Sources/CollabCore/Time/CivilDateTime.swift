/// A wall-clock date and time, without zone.
package struct CivilDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar date.
    package var date: CivilDate
    /// The hour, 0…23.
    package var hour: Int
    /// The minute, 0…59.
    package var minute: Int
    /// The second, 0…59.
    package var second: Int

    /// A wall-clock time; the fields are taken as given (use `init?(validating…)` for input).
    package init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// A wall-clock time, or nil when the hour, minute or second is out of range.
    package init?(validating date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
            return nil
        }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// The wall-clock time that is `seconds` after local 1970-01-01 00:00:00.
    package init(secondsSinceEpoch seconds: Int64) {
        let (days, rest) = CivilDateTime.floorDivide(seconds, 86_400)
        self.init(
            date: CivilDate(daysSinceEpoch: days),
            hour: Int(rest / 3600),
            minute: Int(rest % 3600 / 60),
            second: Int(rest % 60)
        )
    }

    /// Seconds from local 1970-01-01 00:00:00 to this wall-clock time, as if the zone were UTC.
    package var secondsSinceEpoch: Int64 {
        date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The time as `YYYY-MM-DDTHH:MM:SS`, without zone.
    package var iso: String {
        date.iso + "T" + CivilDate.pad(hour, 2) + ":" + CivilDate.pad(minute, 2) + ":"
            + CivilDate.pad(second, 2)
    }

    /// The ISO text, `YYYY-MM-DDTHH:MM:SS`.
    package var description: String { iso }

    /// Earlier wall-clock times first.
    package static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        if lhs.date != rhs.date { return lhs.date < rhs.date }
        return (lhs.hour, lhs.minute, lhs.second) < (rhs.hour, rhs.minute, rhs.second)
    }

    /// Quotient rounded down and the non-negative remainder.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
