extension RRule {
    /// One start a rule produces: the wall-clock time in the series' zone and its instant.
    package struct Instance: Hashable, Sendable {
        package var local: CivilDateTime
        package var instant: Instant
    }

    /// The starts of a rule from `start` on, lazily, one period at a time (constant memory
    /// for an open-ended rule).
    ///
    /// The rule is expanded on wall-clock times of `zone` (a weekly 09:00 stays at 09:00
    /// across daylight-saving changes); a time that does not exist there (inside a
    /// spring-forward gap) is skipped and not counted, as RFC 5545 §3.3.10 requires, like
    /// an invalid date (30 February). With no zone, times are floating (read as UTC).
    /// Like python-dateutil's `rrule`, `start` itself is produced only when it matches the
    /// rule; `RecurrenceSet` adds it as the RFC's first instance.
    package func instances(from start: CivilDateTime, in zone: Zone?) -> Iterator {
        Iterator(rule: self, start: start, zone: zone)
    }

    /// The lazy expansion of a rule; see `instances(from:in:)`.
    package struct Iterator: IteratorProtocol, Sequence {
        let start: CivilDateTime
        let zone: Zone?
        let frequency: Frequency
        let interval: Int
        let count: Int?
        let until: Until?
        let byMonth: Set<Int>
        let byWeekNo: [Int]
        let byYearDay: [Int]
        let byMonthDay: [Int]
        let plainDays: Set<Int>
        let nthDays: [WeekdayNum]
        let bySetPos: [Int]
        let hours: [Int]
        let minutes: [Int]
        let seconds: [Int]
        /// BYHOUR, BYMINUTE, BYSECOND as filters of the finer frequencies (empty: any).
        let hourFilter: Set<Int>
        let minuteFilter: Set<Int>
        let secondFilter: Set<Int>
        let weekStart: Int

        /// The start of the current period: a date for YEARLY…DAILY, local seconds below.
        var periodDate: CivilDate
        var periodSeconds: Int64
        var buffer: [CivilDateTime] = []
        var bufferIndex = 0
        var produced = 0
        var finished = false
        var lastHitYear: Int

        init(rule: RRule, start: CivilDateTime, zone: Zone?) {
            self.start = start
            self.zone = zone
            frequency = rule.frequency
            interval = rule.interval
            count = rule.count
            until = rule.until
            weekStart = rule.weekStart
            var byMonth = rule.byMonth
            var byMonthDay = rule.byMonthDay
            var byDay = rule.byDay
            // The defaults of RFC 5545 (as python-dateutil applies them): a rule with no day
            // part repeats on the start's day.
            if rule.byWeekNo.isEmpty && rule.byYearDay.isEmpty && byMonthDay.isEmpty && byDay.isEmpty {
                switch rule.frequency {
                case .yearly:
                    if byMonth.isEmpty { byMonth = [start.date.month] }
                    byMonthDay = [start.date.day]
                case .monthly: byMonthDay = [start.date.day]
                case .weekly: byDay = [WeekdayNum(start.date.weekday)]
                default: break
                }
            }
            self.byMonth = Set(byMonth)
            self.byMonthDay = byMonthDay
            byWeekNo = rule.byWeekNo
            byYearDay = rule.byYearDay
            // Ordinals count only in a month or a year (RFC 5545); finer rules ignore them.
            let ordinalsCount = rule.frequency >= .monthly
            plainDays = Set(byDay.filter { $0.ordinal == nil || !ordinalsCount }.map(\.weekday))
            nthDays = ordinalsCount ? byDay.filter { $0.ordinal != nil } : []
            bySetPos = rule.bySetPos
            hours = (rule.byHour.isEmpty ? [start.hour] : rule.byHour).sorted()
            minutes = (rule.byMinute.isEmpty ? [start.minute] : rule.byMinute).sorted()
            seconds = (rule.bySecond.isEmpty ? [start.second] : rule.bySecond.filter { $0 < 60 }).sorted()
            hourFilter = Set(rule.byHour)
            minuteFilter = Set(rule.byMinute)
            secondFilter = Set(rule.bySecond)
            lastHitYear = start.date.year
            switch rule.frequency {
            case .yearly: periodDate = CivilDate(year: start.date.year, month: 1, day: 1)!
            case .monthly: periodDate = CivilDate(year: start.date.year, month: start.date.month, day: 1)!
            case .weekly: periodDate = start.date.adding(days: -((start.date.weekday - rule.weekStart + 7) % 7))
            default: periodDate = start.date
            }
            let unit = Iterator.unitSeconds(rule.frequency)
            let s = start.secondsSinceEpoch
            periodSeconds = unit > 0 ? s - CivilDateTime.floorDivide(s, unit).1 : 0
        }

        static func unitSeconds(_ f: Frequency) -> Int64 {
            switch f {
            case .hourly: 3600
            case .minutely: 60
            case .secondly: 1
            default: 0
            }
        }

        package func makeIterator() -> Iterator { self }

        /// Moves ahead to the period holding `target`, skipping earlier periods without
        /// expanding them. Only for a rule without COUNT (which must count from the start).
        package mutating func skip(to target: CivilDateTime) {
            guard count == nil, !finished, target > start, bufferIndex >= buffer.count else { return }
            switch frequency {
            case .yearly:
                let k = (target.date.year - periodDate.year) / interval
                if k > 0 { periodDate = CivilDate(year: periodDate.year + k * interval, month: 1, day: 1) ?? periodDate }
            case .monthly:
                let here = periodDate.year * 12 + periodDate.month - 1
                let k = (target.date.year * 12 + target.date.month - 1 - here) / interval
                if k > 0 {
                    let index = here + k * interval
                    periodDate = CivilDate(year: index / 12, month: index % 12 + 1, day: 1)!
                }
            case .weekly, .daily:
                let span = (frequency == .weekly ? 7 : 1) * interval
                let k = Int(target.date.daysSinceEpoch - periodDate.daysSinceEpoch) / span
                if k > 0 { periodDate = periodDate.adding(days: k * span) }
            default:
                let step = Iterator.unitSeconds(frequency) * Int64(interval)
                let k = (target.secondsSinceEpoch - periodSeconds) / step
                if k > 0 { periodSeconds += k * step }
            }
            lastHitYear = Swift.max(lastHitYear, target.date.year)
        }

        /// The next start, or nil when the rule is over.
        package mutating func next() -> Instance? {
            while !finished {
                if bufferIndex >= buffer.count {
                    fillBuffer()
                    continue
                }
                let local = buffer[bufferIndex]
                bufferIndex += 1
                if local < start { continue }
                let instant = zone.map { $0.instant(local) } ?? Instant(seconds: local.secondsSinceEpoch)
                if let until, isAfter(local, instant, until) {
                    finished = true
                    return nil
                }
                // A wall-clock time inside a gap does not exist: skipped, not counted.
                if let zone, zone.civil(instant) != local { continue }
                produced += 1
                if let count, produced >= count { finished = true }
                lastHitYear = local.date.year
                return Instance(local: local, instant: instant)
            }
            return nil
        }

        func isAfter(_ local: CivilDateTime, _ instant: Instant, _ until: Until) -> Bool {
            switch until {
            case .date(let d): local.date > d
            case .local(let l): local > l
            case .instant(let i): instant > i
            }
        }

        /// Computes the starts of the current period, then moves to the next period.
        mutating func fillBuffer() {
            buffer.removeAll(keepingCapacity: true)
            bufferIndex = 0
            let currentYear = frequency >= .daily ? periodDate.year : CivilDateTime(secondsSinceEpoch: periodSeconds).date.year
            if currentYear > 9999 || currentYear > lastHitYear + giveUpYears {
                finished = true
                return
            }
            if frequency >= .daily {
                fillDatePeriod()
            } else {
                fillTimePeriod()
            }
            if !bySetPos.isEmpty { applySetPos() }
        }

        /// Years without a start after which a rule is taken to produce nothing more
        /// (the Gregorian calendar repeats every 400 years).
        var giveUpYears: Int {
            switch frequency {
            case .yearly: 400 * interval
            case .monthly: 400 * (interval / 12 + 1)
            case .weekly: 400 * (interval / 52 + 1)
            case .daily: 400 * (interval / 365 + 1)
            default: 400
            }
        }

        mutating func fillDatePeriod() {
            let first = periodDate
            let days: Int
            switch frequency {
            case .yearly:
                days = CivilDate.isLeapYear(first.year) ? 366 : 365
                periodDate = CivilDate(year: first.year + interval, month: 1, day: 1) ?? CivilDate(year: 10000, month: 1, day: 1)!
            case .monthly:
                days = CivilDate.daysInMonth(year: first.year, month: first.month)
                let index = first.year * 12 + first.month - 1 + interval
                periodDate = CivilDate(year: index / 12, month: index % 12 + 1, day: 1)!
            case .weekly:
                days = 7
                periodDate = first.adding(days: 7 * interval)
            default:
                days = 1
                periodDate = first.adding(days: interval)
            }
            var date = first
            for _ in 0..<days {
                if matches(date) {
                    for h in hours {
                        for m in minutes {
                            for s in seconds { buffer.append(CivilDateTime(date: date, hour: h, minute: m, second: s)) }
                        }
                    }
                }
                date = date.adding(days: 1)
            }
        }

        mutating func fillTimePeriod() {
            let unit = Iterator.unitSeconds(frequency)
            let step = unit * Int64(interval)
            let here = CivilDateTime(secondsSinceEpoch: periodSeconds)
            // Skip whole days, hours or minutes that cannot match, in steps of the interval.
            var skipTo: Int64?
            if !matches(here.date) {
                skipTo = here.date.adding(days: 1).daysSinceEpoch * 86_400
            } else if !hourFilter.isEmpty && !hourFilter.contains(here.hour) {
                skipTo = periodSeconds - Int64(here.minute * 60 + here.second) + 3600
            } else if frequency == .secondly && !minuteFilter.isEmpty && !minuteFilter.contains(here.minute) {
                skipTo = periodSeconds - Int64(here.second) + 60
            }
            if let skipTo {
                let steps = (skipTo - periodSeconds + step - 1) / step
                periodSeconds += Swift.max(1, steps) * step
                return
            }
            periodSeconds += step
            switch frequency {
            case .hourly:
                for m in minutes {
                    for s in seconds { buffer.append(CivilDateTime(date: here.date, hour: here.hour, minute: m, second: s)) }
                }
            case .minutely:
                if minuteFilter.isEmpty || minuteFilter.contains(here.minute) {
                    for s in seconds { buffer.append(CivilDateTime(date: here.date, hour: here.hour, minute: here.minute, second: s)) }
                }
            default:
                if secondFilter.isEmpty || secondFilter.contains(here.second) { buffer.append(here) }
            }
        }

        mutating func applySetPos() {
            let all = buffer
            var picked: [CivilDateTime] = []
            for pos in bySetPos {
                let index = pos > 0 ? pos - 1 : all.count + pos
                if index >= 0 && index < all.count { picked.append(all[index]) }
            }
            buffer = Array(Set(picked)).sorted()
        }

        /// Whether `date` passes the rule's BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY.
        func matches(_ date: CivilDate) -> Bool {
            if !byMonth.isEmpty && !byMonth.contains(date.month) { return false }
            if !byWeekNo.isEmpty && !WeekNumbering(weekStart: weekStart).matches(date, byWeekNo) { return false }
            if !byYearDay.isEmpty {
                let yearDays = CivilDate.isLeapYear(date.year) ? 366 : 365
                let n = dayOfYear(date)
                guard byYearDay.contains(where: { $0 == n || $0 == n - yearDays - 1 }) else { return false }
            }
            if !byMonthDay.isEmpty {
                let monthDays = CivilDate.daysInMonth(year: date.year, month: date.month)
                guard byMonthDay.contains(where: { $0 == date.day || $0 == date.day - monthDays - 1 }) else { return false }
            }
            if !plainDays.isEmpty || !nthDays.isEmpty {
                let weekday = date.weekday
                if plainDays.contains(weekday) { return true }
                // Nth weekday of the month (MONTHLY, or YEARLY with BYMONTH), else of the year.
                let inMonth = frequency == .monthly || !byMonth.isEmpty
                let index = inMonth ? date.day : dayOfYear(date)
                let length = inMonth
                    ? CivilDate.daysInMonth(year: date.year, month: date.month)
                    : (CivilDate.isLeapYear(date.year) ? 366 : 365)
                let forward = (index - 1) / 7 + 1
                let backward = -((length - index) / 7 + 1)
                return nthDays.contains { $0.weekday == weekday && ($0.ordinal == forward || $0.ordinal == backward) }
            }
            return true
        }

        func dayOfYear(_ date: CivilDate) -> Int {
            Int(date.daysSinceEpoch - CivilDate(year: date.year, month: 1, day: 1)!.daysSinceEpoch) + 1
        }
    }
}

/// Week numbers as RFC 5545 counts them for BYWEEKNO: weeks begin on WKST, and week 1 is
/// the first week with at least four days in the year.
struct WeekNumbering {
    let weekStart: Int

    func firstWeekStart(_ year: Int) -> CivilDate {
        let jan1 = CivilDate(year: year, month: 1, day: 1)!
        let offset = (jan1.weekday - weekStart + 7) % 7
        let weekOfJan1 = jan1.adding(days: -offset)
        return 7 - offset >= 4 ? weekOfJan1 : weekOfJan1.adding(days: 7)
    }

    /// The week-numbering year, the week number and the number of weeks in that year.
    func week(of date: CivilDate) -> (year: Int, week: Int, weeks: Int) {
        var year = date.year
        if date < firstWeekStart(year) {
            year -= 1
        } else if date >= firstWeekStart(year + 1) {
            year += 1
        }
        let start = firstWeekStart(year).daysSinceEpoch
        let week = Int(date.daysSinceEpoch - start) / 7 + 1
        let weeks = Int(firstWeekStart(year + 1).daysSinceEpoch - start) / 7
        return (year, week, weeks)
    }

    func matches(_ date: CivilDate, _ numbers: [Int]) -> Bool {
        let w = week(of: date)
        return numbers.contains { $0 == w.week || $0 == w.week - w.weeks - 1 }
    }
}
