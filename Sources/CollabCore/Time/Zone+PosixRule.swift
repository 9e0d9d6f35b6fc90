extension Zone {
    /// A POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3`: the footer of a TZif file,
    /// which gives local time after the file's last transition.
    struct PosixRule: Hashable, Sendable {
        /// The day a change happens on, in one of the three POSIX forms.
        enum Day: Hashable, Sendable {
            /// `Jn`: day 1…365 of the year, 29 February never counted.
            case julian(Int)
            /// `n`: day 0…365 of the year, 29 February counted.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (1…4, 5 = last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        /// A change of local time: a day and a local time of day in seconds (may pass 24 h).
        struct Change: Hashable, Sendable {
            var day: Day
            var time: Int
        }

        var standard: LocalTimeType
        var daylight: LocalTimeType?
        /// When daylight time starts, in local standard time.
        var start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
        /// When daylight time ends, in local daylight time.
        var end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)

        func localTimeType(at t: Int64) -> LocalTimeType {
            guard let daylight else { return standard }
            let localDays = CivilDateTime.floorDivide(t + Int64(standard.offset), 86_400).0
            let year = CivilDate(daysSinceEpoch: localDays).year
            let starts = Zone.PosixRule.instant(of: start, year: year, offset: standard.offset)
            let ends = Zone.PosixRule.instant(of: end, year: year, offset: daylight.offset)
            let inDaylight = starts < ends
                ? (starts <= t && t < ends)            // northern hemisphere
                : !(ends <= t && t < starts)           // southern: daylight spans new year
            return inDaylight ? daylight : standard
        }

        /// The UTC instant of `change` in `year`, its time being local with `offset`.
        static func instant(of change: Change, year: Int, offset: Int) -> Int64 {
            let days: Int64
            switch change.day {
            case .julian(let n):
                let jan1 = CivilDate(year: year, month: 1, day: 1)!.daysSinceEpoch
                let leapShift = CivilDate.isLeapYear(year) && n >= 60 ? 1 : 0
                days = jan1 + Int64(n - 1 + leapShift)
            case .zeroBased(let n):
                days = CivilDate(year: year, month: 1, day: 1)!.daysSinceEpoch + Int64(n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = CivilDate(year: year, month: month, day: 1)!
                let isoWeekday = weekday == 0 ? 7 : weekday
                var day = 1 + (isoWeekday - first.weekday + 7) % 7 + (week - 1) * 7
                let length = CivilDate.daysInMonth(year: year, month: month)
                while day > length { day -= 7 }
                days = first.daysSinceEpoch + Int64(day - 1)
            }
            return days * 86_400 + Int64(change.time - offset)
        }
    }
}
