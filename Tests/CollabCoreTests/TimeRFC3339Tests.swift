import Testing
@testable import CollabCore

@Suite struct TimeRFC3339Tests {
    @Test func formatsInUTCWithZ() {
        #expect(RFC3339.format(Instant(seconds: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(Instant(seconds: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Instant(seconds: 1_796_130_000)) == "2026-12-01T13:00:00Z")
        #expect(Instant(seconds: 1_796_130_000).description == "2026-12-01T13:00:00Z")
    }

    @Test func formatsLocalTimesAndOffsets() throws {
        let paris = try Zone.named("Europe/Paris")
        let newYork = try Zone.named("America/New_York")
        let instant = Instant(seconds: 1_796_130_000)
        #expect(RFC3339.formatLocal(instant, in: paris) == "2026-12-01 14:00")
        #expect(RFC3339.formatLocal(Instant(seconds: 1_796_130_045), in: paris) == "2026-12-01 14:00")
        #expect(RFC3339.format(instant, in: paris) == "2026-12-01T14:00:00+01:00")
        #expect(RFC3339.format(instant, in: newYork) == "2026-12-01T08:00:00-05:00")
        #expect(RFC3339.formatOffset(19800) == "+05:30")
        #expect(RFC3339.formatOffset(-12600) == "-03:30")
    }

    @Test(arguments: [
        "2026-12-01T13:00:00Z",
        "2026-12-01t13:00:00z",
        "2026-12-01 13:00:00Z",
        "2026-12-01T14:00:00+01:00",
        "2026-12-01T08:00:00-05:00",
        "2026-12-01T14:30:00+01:30",
        "2026-12-01T13:00:00.999Z",
        "2026-12-01T14:00:00.5+01:00",
        "2026-12-01T13:00:00+00:00",
        "2026-12-01T13:00:00-00:00",
    ])
    func parsesEveryOffsetForm(text: String) {
        #expect(RFC3339.parse(text) == Instant(seconds: 1_796_130_000))
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "2026-12-01T24:00:00Z",
        "2026-12-01T13:60:00Z",
        "2026-12-01T13:00:60Z",
        "2026-12-01T13:00:00",
        "2026-12-01T13:00Z",
        "2026-12-01",
        "2026-12-01T13:00:00+0100",
        "2026-12-01T13:00:00+24:00",
        "2026-12-01T13:00:00Z ",
        "2026-12-01T13:00:00.Z",
        "2026-1-01T13:00:00Z",
        "2026-12-01X13:00:00Z",
        "garbage",
        "",
    ])
    func rejectsGarbage(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test(arguments: [Int64(0), -1, 1_796_130_000, 951_782_400, 4_102_444_799, -2_208_988_800])
    func roundTrips(seconds: Int64) {
        let instant = Instant(seconds: seconds)
        #expect(RFC3339.parse(RFC3339.format(instant)) == instant)
    }
}
