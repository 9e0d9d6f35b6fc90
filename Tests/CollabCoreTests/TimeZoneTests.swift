import Testing
@testable import CollabCore

private func utc(_ text: String) -> Instant {
    RFC3339.parse(text)!
}

private func wall(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> CivilDateTime {
    CivilDateTime(date: CivilDate(year: year, month: month, day: day)!, hour: hour, minute: minute)
}

@Suite struct TimeZoneTests {
    let paris = try! Zone.named("Europe/Paris")
    let newYork = try! Zone.named("America/New_York")

    @Test(arguments: [
        // Paris springs forward at 01:00Z on 2026-03-29 and falls back at 01:00Z on 2026-10-25.
        ("Europe/Paris", "2026-03-29T00:59:59Z", 3600, "CET"),
        ("Europe/Paris", "2026-03-29T01:00:00Z", 7200, "CEST"),
        ("Europe/Paris", "2026-10-25T00:59:59Z", 7200, "CEST"),
        ("Europe/Paris", "2026-10-25T01:00:00Z", 3600, "CET"),
        // New York springs forward at 07:00Z on 2026-03-08 and falls back at 06:00Z on 2026-11-01.
        ("America/New_York", "2026-03-08T06:59:59Z", -18000, "EST"),
        ("America/New_York", "2026-03-08T07:00:00Z", -14400, "EDT"),
        ("America/New_York", "2026-11-01T05:59:59Z", -14400, "EDT"),
        ("America/New_York", "2026-11-01T06:00:00Z", -18000, "EST"),
        // Far beyond the file's transitions, the footer rule decides.
        ("Europe/Paris", "2080-07-14T12:00:00Z", 7200, "CEST"),
        ("Europe/Paris", "2080-01-14T12:00:00Z", 3600, "CET"),
        ("Europe/Paris", "2080-03-31T00:59:59Z", 3600, "CET"),
        ("Europe/Paris", "2080-03-31T01:00:00Z", 7200, "CEST"),
        ("Europe/Paris", "2080-10-27T00:59:59Z", 7200, "CEST"),
        ("Europe/Paris", "2080-10-27T01:00:00Z", 3600, "CET"),
        ("America/New_York", "2080-03-10T06:59:59Z", -18000, "EST"),
        ("America/New_York", "2080-03-10T07:00:00Z", -14400, "EDT"),
        ("America/New_York", "2080-11-03T05:59:59Z", -14400, "EDT"),
        ("America/New_York", "2080-11-03T06:00:00Z", -18000, "EST"),
        // Southern hemisphere: daylight time spans the new year.
        ("Australia/Sydney", "2080-01-15T00:00:00Z", 39600, "AEDT"),
        ("Australia/Sydney", "2080-07-15T00:00:00Z", 36000, "AEST"),
        ("Australia/Lord_Howe", "2080-01-15T00:00:00Z", 39600, "+11"),
        ("Australia/Lord_Howe", "2080-07-15T00:00:00Z", 37800, "+1030"),
        // Zones without daylight time, and old history before the footer applies.
        ("Asia/Tokyo", "2080-07-15T00:00:00Z", 32400, "JST"),
        ("UTC", "2026-07-01T00:00:00Z", 0, "UTC"),
        ("Europe/Paris", "1975-07-01T12:00:00Z", 3600, "CET"),
        ("Europe/Paris", "1976-07-01T12:00:00Z", 7200, "CEST"),
    ])
    func offsetsAndAbbreviations(zone: String, instant: String, offset: Int, abbreviation: String) throws {
        let zone = try Zone.named(zone)
        #expect(zone.offset(at: utc(instant)) == offset)
        #expect(zone.abbreviation(at: utc(instant)) == abbreviation)
    }

    @Test func theFooterRuleIsWhatDecides2080() throws {
        let last = try #require(paris.transitionTimes.last)
        #expect(last < utc("2080-01-01T00:00:00Z").seconds)
        #expect(paris.rule != nil)
    }

    @Test func aTimeInTheSpringGapTakesTheOffsetBeforeIt() {
        let instant = paris.instant(wall(2026, 3, 29, 2, 30))
        #expect(instant == utc("2026-03-29T01:30:00Z"))
        #expect(paris.civil(instant) == wall(2026, 3, 29, 3, 30))
        #expect(newYork.instant(wall(2026, 3, 8, 2, 30)) == utc("2026-03-08T07:30:00Z"))
    }

    @Test func aTimeThatOccursTwiceTakesTheFirst() {
        #expect(paris.instant(wall(2026, 10, 25, 2, 30)) == utc("2026-10-25T00:30:00Z"))
        #expect(paris.civil(utc("2026-10-25T00:30:00Z")) == wall(2026, 10, 25, 2, 30))
        #expect(paris.civil(utc("2026-10-25T01:30:00Z")) == wall(2026, 10, 25, 2, 30))
        #expect(newYork.instant(wall(2026, 11, 1, 1, 30)) == utc("2026-11-01T05:30:00Z"))
        #expect(newYork.civil(utc("2026-11-01T06:30:00Z")) == wall(2026, 11, 1, 1, 30))
    }

    @Test func civilAndInstantRoundTripOutsideRepeatedHours() {
        let start = utc("2026-01-01T00:00:00Z").seconds
        for zone in [paris, newYork] {
            for seconds in stride(from: start, to: start + 366 * 86_400, by: 1800) {
                let instant = Instant(seconds: seconds)
                let back = zone.instant(zone.civil(instant))
                // Only the second pass through a fall-back hour maps to the first.
                if back != instant && back != Instant(seconds: seconds - 3600) {
                    Issue.record("\(zone) \(instant) came back as \(back)")
                }
            }
        }
        #expect(paris.instant(wall(2026, 7, 14, 12)) == utc("2026-07-14T10:00:00Z"))
        #expect(paris.civil(utc("2080-07-14T10:00:00Z")) == wall(2080, 7, 14, 12))
    }

    @Test func startOfDayIsLocalMidnight() {
        let day = CivilDate(year: 2026, month: 3, day: 29)!
        #expect(paris.startOfDay(day) == utc("2026-03-28T23:00:00Z"))
        #expect(newYork.startOfDay(day) == utc("2026-03-29T04:00:00Z"))
        #expect(Zone.utc.startOfDay(day) == utc("2026-03-29T00:00:00Z"))
    }

    @Test func startOfDayInAZoneThatSkipsMidnight() throws {
        // Santiago springs forward at midnight: 2026-09-06 starts at 01:00 -03.
        let santiago = try Zone.named("America/Santiago")
        let start = santiago.startOfDay(CivilDate(year: 2026, month: 9, day: 6)!)
        #expect(start == utc("2026-09-06T04:00:00Z"))
        #expect(santiago.civil(start) == wall(2026, 9, 6, 1))
    }

    @Test(arguments: ["Europe/Pariss", "Mars/Olympus", "../etc/passwd", "/etc/localtime", "Europe/../Europe/Paris",
                      "Europe//Paris", "./UTC", "Europe", "", "Europe/Paris/", "Europe/Paris\n", "-UTC", "Europe/Paris ", "zone.tab", "iso3166.tab"])
    func rejectsUnknownZonesAndPaths(name: String) {
        #expect(throws: TimeError.unknownZone(name)) { try Zone.named(name) }
    }

    @Test func namesUTCAndMessages() throws {
        #expect(try Zone.named("UTC").offset(at: utc("2026-07-01T00:00:00Z")) == 0)
        #expect(try Zone.named("Etc/UTC").abbreviation(at: utc("2026-07-01T00:00:00Z")) == "UTC")
        #expect(try Zone.named("Europe/Paris").identifier == "Europe/Paris")
        #expect(Zone.utc.identifier == "UTC")
        #expect(TimeError.unknownZone("Europe/Pariss").description == "unknown time zone 'Europe/Pariss'")
        #expect(TimeError.invalidTime("tomorow 9h").description == "invalid time 'tomorow 9h'")
        #expect(TimeError.invalidDuration("3x").description == "invalid duration '3x'")
    }

    @Test func readsTheTZVariable() {
        #expect(Zone.fromTZVariable(":Europe/Paris")?.identifier == "Europe/Paris")
        #expect(Zone.fromTZVariable("America/New_York")?.identifier == "America/New_York")
        #expect(Zone.fromTZVariable("")?.identifier == "UTC")
        #expect(Zone.fromTZVariable("/usr/share/zoneinfo/Europe/Paris")?.identifier == "Europe/Paris")
        #expect(Zone.fromTZVariable("Nowhere/Atlantis") == nil)
        let rule = Zone.fromTZVariable("CET-1CEST,M3.5.0,M10.5.0/3")
        #expect(rule?.offset(at: utc("2026-03-29T01:00:00Z")) == 7200)
        #expect(rule?.offset(at: utc("2026-10-25T01:00:00Z")) == 3600)
    }

    @Test func readsLocaltimeLinks() {
        #expect(Zone.fromLinkTarget("../usr/share/zoneinfo/Europe/Paris")?.identifier == "Europe/Paris")
        #expect(Zone.fromLinkTarget("/usr/share/zoneinfo/posix/Asia/Tokyo")?.identifier == "Asia/Tokyo")
        #expect(Zone.fromLinkTarget("/etc/somewhere") == nil)
    }
}
