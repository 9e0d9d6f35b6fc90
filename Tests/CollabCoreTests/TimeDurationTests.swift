import Testing
@testable import CollabCore

private func utc(_ text: String) -> Instant {
    RFC3339.parse(text)!
}

@Suite struct TimeDurationTests {
    @Test(arguments: [
        ("PT1H30M", "PT1H30M", 0, Int64(5400)),
        ("P1DT2H", "P1DT2H", 1, 7200),
        ("P2D", "P2D", 2, 0),
        ("PT36H", "PT36H", 0, 129_600),
        ("P2W", "P14D", 14, 0),
        ("P1W2D", "P9D", 9, 0),
        ("90m", "PT1H30M", 0, 5400),
        ("1h30m", "PT1H30M", 0, 5400),
        ("1h 30m", "PT1H30M", 0, 5400),
        ("2d", "P2D", 2, 0),
        ("45s", "PT45S", 0, 45),
        ("1w", "P7D", 7, 0),
        ("1d12h", "P1DT12H", 1, 43200),
        ("pt36h", "PT36H", 0, 129_600),
        ("p1dt2h", "P1DT2H", 1, 7200),
        ("2D", "P2D", 2, 0),
        ("  15M ", "PT15M", 0, 900),
        ("PT90S", "PT1M30S", 0, 90),
        ("PT1H0M5S", "PT1H5S", 0, 3605),
        ("PT0S", "PT0S", 0, 0),
        ("0m", "PT0S", 0, 0),
    ])
    func readsAndWrites(text: String, iso: String, days: Int, seconds: Int64) throws {
        let duration = try ISODuration.parse(text)
        #expect(duration.days == days)
        #expect(duration.seconds == seconds)
        #expect(duration.iso == iso)
        #expect(try ISODuration.parse(duration.iso) == duration)
    }

    @Test(arguments: [
        "", " ", "3x", "-5m", "+5m", "P", "PT", "P1DT", "1h30", "30m1h", "1h1h", "P1M", "P1Y", "PT1D", "P1H",
        "1.5h", "PT0.5H", "h", "5", "1 h", "P-1D", "P1D2W", "1h,30m", "99999999999999999999s", "100000000d",
    ])
    func rejects(text: String) {
        #expect(throws: TimeError.invalidDuration(text)) { try ISODuration.parse(text) }
    }

    @Test func countsTotalSecondsAndNegatives() {
        #expect(ISODuration(days: 1, seconds: 7200).totalSeconds == 93600)
        #expect(ISODuration(days: 0, seconds: -900).iso == "-PT15M")
        #expect(ISODuration(days: 2, seconds: 0).negated.iso == "-P2D")
        #expect(ISODuration().isZero)
    }

    @Test func addsCalendarDaysInTheZoneAndSecondsExactly() throws {
        let paris = try Zone.named("Europe/Paris")
        let saturday = utc("2026-03-28T08:00:00Z")
        #expect(try ISODuration.parse("P1D").added(to: saturday, in: paris) == utc("2026-03-29T07:00:00Z"))
        #expect(try ISODuration.parse("PT24H").added(to: saturday, in: paris) == utc("2026-03-29T08:00:00Z"))
        #expect(try ISODuration.parse("P1DT1H").added(to: saturday, in: paris) == utc("2026-03-29T08:00:00Z"))
        #expect(try ISODuration.parse("P1D").negated.added(to: utc("2026-03-29T07:00:00Z"), in: paris) == saturday)
        #expect(try ISODuration.parse("P1D").added(to: saturday, in: .utc) == utc("2026-03-29T08:00:00Z"))
        // Autumn: one calendar day is 25 hours.
        let october = utc("2026-10-24T07:00:00Z")
        #expect(try ISODuration.parse("1d").added(to: october, in: paris) == utc("2026-10-25T08:00:00Z"))
    }
}
