/// A calendar date without time or zone, in the proleptic Gregorian calendar.
package struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 2026.
    package var year: Int
    /// The month, 1 = January … 12 = December.
    package var month: Int
    /// The day of the month, from 1.
    package var day: Int

    /// The date with these fields, or nil when the month or the day does not exist.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `daysSinceEpoch` days after 1970-01-01 (negative before).
    package init(daysSinceEpoch: Int64) {
        // Howard Hinnant's civil_from_days: eras of 400 years, March-based years.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        self.year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        self.month = Int(month)
        self.day = Int(day)
    }

    /// Days from 1970-01-01 to this date (negative before).
    package var daysSinceEpoch: Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let marchMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * marchMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The ISO weekday: 1 = Monday … 7 = Sunday.
    package var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let mod = (daysSinceEpoch + 3) % 7
        return Int(mod < 0 ? mod + 7 : mod) + 1
    }

    /// The date `days` days later (earlier when negative).
    package func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + Int64(days))
    }

    /// The date as `YYYY-MM-DD`, e.g. `2026-12-01`.
    package var iso: String {
        let yearText = year < 0
            ? "-" + CivilDate.pad(-year, 4)
            : CivilDate.pad(year, 4)
        return yearText + "-" + CivilDate.pad(month, 2) + "-" + CivilDate.pad(day, 2)
    }

    /// The ISO text, `YYYY-MM-DD`.
    package var description: String { iso }

    /// The date written strictly as `YYYY-MM-DD`, or nil when malformed or not a real date.
    package static func parse(_ s: String) -> CivilDate? {
        var scanner = TimeScanner(s)
        guard let date = scanner.date(), scanner.isAtEnd else { return nil }
        return date
    }

    /// Whether `year` has a 29 February.
    package static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month of a year (0 for a month outside 1…12).
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// Earlier dates first.
    package static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
