import Testing
@testable import CollabCore

@Suite struct TimeCivilTests {
    @Test(arguments: [
        (1970, 1, 1, Int64(0), 4),
        (1969, 12, 31, -1, 3),
        (2000, 3, 1, 11017, 3),
        (1600, 2, 29, -135_081, 2),
        (1900, 3, 1, -25508, 4),
        (2026, 11, 23, 20780, 1),
        (9999, 12, 31, 2_932_896, 5),
        (1, 1, 1, -719_162, 1),
    ])
    func daysSinceEpochAndWeekday(year: Int, month: Int, day: Int, days: Int64, weekday: Int) throws {
        let date = try #require(CivilDate(year: year, month: month, day: day))
        #expect(date.daysSinceEpoch == days)
        #expect(date.weekday == weekday)
        #expect(CivilDate(daysSinceEpoch: days) == date)
    }

    @Test func everyDayFollowsThePreviousOne() {
        var previous = CivilDate(daysSinceEpoch: -800_000)
        for days in Int64(-799_999)...Int64(800_000) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            let expected = previous.day < CivilDate.daysInMonth(year: previous.year, month: previous.month)
                ? CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                : previous.month < 12
                    ? CivilDate(year: previous.year, month: previous.month + 1, day: 1)
                    : CivilDate(year: previous.year + 1, month: 1, day: 1)
            if date != expected { Issue.record("\(days): \(date) after \(previous)"); return }
            previous = date
        }
    }

    @Test(arguments: [
        (2026, 2, 29), (2100, 2, 29), (2026, 4, 31), (2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (2026, 1, 32),
    ])
    func rejectsDatesThatDoNotExist(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test func acceptsLeapDays() {
        #expect(CivilDate(year: 2000, month: 2, day: 29)?.iso == "2000-02-29")
        #expect(CivilDate(year: 2024, month: 2, day: 29)?.iso == "2024-02-29")
    }

    @Test(arguments: ["2026-12-01", "0005-01-02", "2024-02-29"])
    func parsesAndPrintsISODates(text: String) throws {
        #expect(try #require(CivilDate.parse(text)).iso == text)
    }

    @Test(arguments: ["2026-12-1", "2026/12/01", "2026-12-01 ", "20261201", "2026-02-30", "", "26-12-01", "2026-12-01T00:00"])
    func rejectsMalformedDates(text: String) {
        #expect(CivilDate.parse(text) == nil)
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() {
        let date = CivilDate(year: 2024, month: 2, day: 28)!
        #expect(date.adding(days: 1).iso == "2024-02-29")
        #expect(date.adding(days: 2).iso == "2024-03-01")
        #expect(CivilDate(year: 2026, month: 12, day: 31)!.adding(days: 1).iso == "2027-01-01")
        #expect(CivilDate(year: 2026, month: 1, day: 1)!.adding(days: -1).iso == "2025-12-31")
        #expect(CivilDate(year: 2026, month: 11, day: 23)!.adding(days: 365).iso == "2027-11-23")
    }

    @Test func ordersDatesAndTimes() {
        let a = CivilDate(year: 2026, month: 1, day: 31)!
        let b = CivilDate(year: 2026, month: 2, day: 1)!
        #expect(a < b)
        #expect(CivilDateTime(date: a, hour: 23, minute: 59, second: 59) < CivilDateTime(date: b))
        #expect(CivilDateTime(date: a, hour: 9, minute: 5) < CivilDateTime(date: a, hour: 9, minute: 30))
    }

    @Test func convertsWallTimeToAndFromSeconds() {
        let before = CivilDateTime(secondsSinceEpoch: -1)
        #expect(before.iso == "1969-12-31T23:59:59")
        #expect(before.secondsSinceEpoch == -1)
        let later = CivilDateTime(secondsSinceEpoch: 1_796_130_000)
        #expect(later.iso == "2026-12-01T13:00:00")
        #expect(CivilDateTime(validating: later.date, hour: 24, minute: 0) == nil)
        #expect(CivilDateTime(validating: later.date, hour: 23, minute: 60) == nil)
        #expect(CivilDateTime(validating: later.date, hour: 23, minute: 59, second: 59)?.iso == "2026-12-01T23:59:59")
    }
}
