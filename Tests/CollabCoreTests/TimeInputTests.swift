import Testing
@testable import CollabCore

private func utc(_ text: String) -> Instant {
    RFC3339.parse(text)!
}

@Suite struct TimeInputTests {
    let paris = try! Zone.named("Europe/Paris")
    /// A Monday, 11:00 in Paris.
    let now = RFC3339.parse("2026-11-23T10:00:00Z")!

    @Test(arguments: [
        ("now", "2026-11-23T10:00:00Z"),
        ("NOW", "2026-11-23T10:00:00Z"),
        ("today", "2026-11-22T23:00:00Z"),
        ("tomorrow", "2026-11-23T23:00:00Z"),
        ("yesterday", "2026-11-21T23:00:00Z"),
        // Weekdays: strictly after today, so "monday" on a Monday is a week away.
        ("monday", "2026-11-29T23:00:00Z"),
        ("mon", "2026-11-29T23:00:00Z"),
        ("Monday", "2026-11-29T23:00:00Z"),
        ("tuesday", "2026-11-23T23:00:00Z"),
        ("wed", "2026-11-24T23:00:00Z"),
        ("thursday", "2026-11-25T23:00:00Z"),
        ("fri", "2026-11-26T23:00:00Z"),
        ("saturday", "2026-11-27T23:00:00Z"),
        ("sun", "2026-11-28T23:00:00Z"),
        ("next monday", "2026-11-29T23:00:00Z"),
        ("next fri", "2026-11-26T23:00:00Z"),
        ("last monday", "2026-11-15T23:00:00Z"),
        ("last sunday", "2026-11-21T23:00:00Z"),
        ("last tue", "2026-11-16T23:00:00Z"),
        // Offsets from now.
        ("+3d", "2026-11-26T10:00:00Z"),
        ("-1d", "2026-11-22T10:00:00Z"),
        ("-2h", "2026-11-23T08:00:00Z"),
        ("+90m", "2026-11-23T11:30:00Z"),
        ("+1w", "2026-11-30T10:00:00Z"),
        ("+1h30m", "2026-11-23T11:30:00Z"),
        ("+30s", "2026-11-23T10:00:30Z"),
        ("+PT1H", "2026-11-23T11:00:00Z"),
        // A day and a time.
        ("tomorrow 09:00", "2026-11-24T08:00:00Z"),
        ("next monday 14:00", "2026-11-30T13:00:00Z"),
        ("today 9:30", "2026-11-23T08:30:00Z"),
        ("friday 17h", "2026-11-27T16:00:00Z"),
        ("friday 17h30", "2026-11-27T16:30:00Z"),
        ("tomorrow at 9h", "2026-11-24T08:00:00Z"),
        ("last friday 08:15:30", "2026-11-20T07:15:30Z"),
        ("  Tomorrow   09:00  ", "2026-11-24T08:00:00Z"),
        ("2026-12-01 9h", "2026-12-01T08:00:00Z"),
        // A bare time is today.
        ("14:00", "2026-11-23T13:00:00Z"),
        ("9h", "2026-11-23T08:00:00Z"),
        ("00:00", "2026-11-22T23:00:00Z"),
        // Dates and local date-times.
        ("2026-12-01", "2026-11-30T23:00:00Z"),
        ("2026-12-01 14:00", "2026-12-01T13:00:00Z"),
        ("2026-12-01T14:00", "2026-12-01T13:00:00Z"),
        ("2026-12-01t14:00", "2026-12-01T13:00:00Z"),
        ("2026-12-01 14:00:30", "2026-12-01T13:00:30Z"),
        ("2026-07-01 12:00", "2026-07-01T10:00:00Z"),
        // RFC 3339.
        ("2026-12-01T13:00:00Z", "2026-12-01T13:00:00Z"),
        ("2026-12-01T14:00:00+01:00", "2026-12-01T13:00:00Z"),
        ("2026-12-01t13:00:00z", "2026-12-01T13:00:00Z"),
    ])
    func readsEveryForm(text: String, expected: String) throws {
        #expect(try TimeInput.parse(text, now: now, zone: paris) == utc(expected))
    }

    @Test(arguments: [
        "tomorow 9h", "", "   ", "2026-02-30", "2026-13-01", "25:00", "12:60", "24:00", "9", "9:5", "+3x", "+", "-",
        "-5", "next", "last", "next tomorrow", "next 14:00", "tomorrow 25:00", "today 9", "monday 9:5",
        "2026-12-01 14", "2026-13-01T00:00:00Z", "2026-12-01T14:00:00+25:00", "yesterday tomorrow", "now 10:00",
        "next week", "tomorrow 09:00 extra", "at 9h", "tomorrow at", "+-3d", "3d", "noon", "2026-12-01 at",
    ])
    func rejectsEverythingElse(text: String) {
        #expect(throws: TimeError.invalidTime(text)) { try TimeInput.parse(text, now: now, zone: paris) }
    }

    @Test func keepsLocalTimeAcrossDaylightSavingChanges() throws {
        // +1d from Saturday 09:00 lands on Sunday 09:00, 23 hours later.
        let saturday = utc("2026-03-28T08:00:00Z")
        #expect(try TimeInput.parse("+1d", now: saturday, zone: paris) == utc("2026-03-29T07:00:00Z"))
        #expect(try TimeInput.parse("+24h", now: saturday, zone: paris) == utc("2026-03-29T08:00:00Z"))
        // tomorrow 09:00 seen on the eve of the autumn change is after it.
        let eve = utc("2026-10-24T10:00:00Z")
        #expect(try TimeInput.parse("tomorrow 09:00", now: eve, zone: paris) == utc("2026-10-25T08:00:00Z"))
        #expect(try TimeInput.parse("tomorrow", now: eve, zone: paris) == utc("2026-10-24T22:00:00Z"))
        #expect(try TimeInput.parse("tomorrow 02:30", now: eve, zone: paris) == utc("2026-10-25T00:30:00Z"))
    }

    @Test func todayDependsOnTheZone() throws {
        // 23:30Z on the 23rd is already the 24th in Paris, still the 23rd in New York.
        let late = utc("2026-11-23T23:30:00Z")
        let newYork = try Zone.named("America/New_York")
        #expect(try TimeInput.parse("today", now: late, zone: paris) == utc("2026-11-23T23:00:00Z"))
        #expect(try TimeInput.parse("today", now: late, zone: newYork) == utc("2026-11-23T05:00:00Z"))
        #expect(try TimeInput.parse("today", now: late, zone: .utc) == utc("2026-11-23T00:00:00Z"))
    }

    @Test(arguments: [
        ("today", "2026-11-23"),
        ("tomorrow 23:30", "2026-11-24"),
        ("last friday", "2026-11-20"),
        ("+3d", "2026-11-26"),
        ("2026-12-01", "2026-12-01"),
        ("2026-12-01T23:30:00Z", "2026-12-02"),
        ("sunday", "2026-11-29"),
    ])
    func readsDates(text: String, expected: String) throws {
        #expect(try TimeInput.parseDate(text, now: now, zone: paris).iso == expected)
    }

    @Test(arguments: ["2026-02-30", "someday", "tomorrow 25:00"])
    func rejectsBadDates(text: String) {
        #expect(throws: TimeError.invalidTime(text)) { try TimeInput.parseDate(text, now: now, zone: paris) }
    }
}
