import Testing
@testable import CollabCore

private func utc(_ text: String) -> Instant {
    RFC3339.parse(text)!
}

private func zone(_ rule: String) throws -> Zone {
    let parsed: Zone.PosixRule = try #require(Zone.PosixRule.parse(rule))
    return Zone(identifier: rule, types: [], rule: parsed)
}

@Suite struct TimeZoneRuleTests {
    @Test func readsAZoneWithoutDaylightTime() throws {
        let rule = try #require(Zone.PosixRule.parse("<+03>-3"))
        #expect(rule.standard == Zone.LocalTimeType(offset: 10800, isDaylight: false, abbreviation: "+03"))
        #expect(rule.daylight == nil)
        #expect(try zone("<-0330>3:30").offset(at: utc("2080-07-01T00:00:00Z")) == -12600)
        #expect(try zone("JST-9").abbreviation(at: utc("2080-07-01T00:00:00Z")) == "JST")
    }

    @Test func readsMonthWeekDayRules() throws {
        let paris = try zone("CET-1CEST,M3.5.0,M10.5.0/3")
        #expect(paris.offset(at: utc("2026-03-29T00:59:59Z")) == 3600)
        #expect(paris.offset(at: utc("2026-03-29T01:00:00Z")) == 7200)
        #expect(paris.abbreviation(at: utc("2026-03-29T01:00:00Z")) == "CEST")
        #expect(paris.offset(at: utc("2026-10-25T00:59:59Z")) == 7200)
        #expect(paris.offset(at: utc("2026-10-25T01:00:00Z")) == 3600)
        // Week 5 means the last Sunday: 28 March in 2027.
        #expect(paris.offset(at: utc("2027-03-28T00:59:59Z")) == 3600)
        #expect(paris.offset(at: utc("2027-03-28T01:00:00Z")) == 7200)
    }

    @Test func defaultsToTheUSRulesAndOneHourMore() throws {
        let eastern = try zone("EST5EDT")
        #expect(eastern.offset(at: utc("2026-03-08T06:59:59Z")) == -18000)
        #expect(eastern.offset(at: utc("2026-03-08T07:00:00Z")) == -14400)
        #expect(eastern.offset(at: utc("2026-11-01T05:59:59Z")) == -14400)
        #expect(eastern.offset(at: utc("2026-11-01T06:00:00Z")) == -18000)
    }

    @Test func readsJulianDaysThatNeverCountFebruary29() throws {
        // J60 is 1 March every year, leap or not.
        let rule = try zone("AAA0BBB,J60/2,J300/2")
        #expect(rule.offset(at: utc("2028-03-01T01:59:59Z")) == 0)
        #expect(rule.offset(at: utc("2028-03-01T02:00:00Z")) == 3600)
        #expect(rule.offset(at: utc("2027-03-01T02:00:00Z")) == 3600)
        #expect(rule.offset(at: utc("2027-02-28T23:00:00Z")) == 0)
    }

    @Test func readsZeroBasedDaysThatCountFebruary29() throws {
        // Day 59 is 29 February in a leap year, 1 March otherwise.
        let rule = try zone("AAA0BBB,59/2,300/2")
        #expect(rule.offset(at: utc("2028-02-29T01:59:59Z")) == 0)
        #expect(rule.offset(at: utc("2028-02-29T02:00:00Z")) == 3600)
        #expect(rule.offset(at: utc("2027-02-28T12:00:00Z")) == 0)
        #expect(rule.offset(at: utc("2027-03-01T02:00:00Z")) == 3600)
    }

    @Test func readsSouthernRulesAndTimesPastMidnight() throws {
        // Chile: daylight time from the first Saturday of September at 24:00, until April.
        let chile = try zone("<-04>4<-03>,M9.1.6/24,M4.1.6/24")
        #expect(chile.offset(at: utc("2026-09-06T03:59:59Z")) == -14400)
        #expect(chile.offset(at: utc("2026-09-06T04:00:00Z")) == -10800)
        #expect(chile.offset(at: utc("2027-01-15T00:00:00Z")) == -10800)
        #expect(chile.offset(at: utc("2026-07-15T00:00:00Z")) == -14400)
    }

    @Test func readsPermanentDaylightTime() throws {
        let rule = try zone("EST5EDT,0/0,J365/25")
        #expect(rule.offset(at: utc("2026-01-01T05:00:00Z")) == -14400)
        #expect(rule.offset(at: utc("2026-07-01T00:00:00Z")) == -14400)
        #expect(rule.offset(at: utc("2026-12-31T23:00:00Z")) == -14400)
    }

    @Test(arguments: ["", "AB1", "CET", "CET-1CEST,M13.1.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-1CEST,M3.6.0,M10.5.0",
                      "CET-1CEST,J0,J300", "CET-1CEST,366,10", "<>1", "<ABC1", "CET-25", "CET-1CEST,M3.5.0,M10.5.0/3x"])
    func rejectsMalformedRules(text: String) {
        #expect(Zone.PosixRule.parse(text) == nil)
    }
}

@Suite struct TimeZoneFileTests {
    /// A version 1 TZif file: `AAA` (+1 h) until 2000-01-01T00:00:00Z, then `BBB` (+2 h).
    private static let versionOne: [UInt8] = {
        func int32(_ value: Int32) -> [UInt8] {
            withUnsafeBytes(of: value.bigEndian) { Array($0) }
        }
        var bytes = Array("TZif".utf8) + [0] + [UInt8](repeating: 0, count: 15)
        bytes += [0, 0, 0, 1, 2, 8].flatMap { int32($0) }
        bytes += int32(946_684_800) + [1]
        bytes += int32(3600) + [0, 0] + int32(7200) + [1, 4]
        bytes += Array("AAA\0BBB\0".utf8)
        return bytes
    }()

    @Test func readsVersionOneFiles() throws {
        let zone = try #require(Zone.fromTZif(Self.versionOne, identifier: "Test/One"))
        #expect(zone.offset(at: Instant(seconds: 946_684_799)) == 3600)
        #expect(zone.abbreviation(at: Instant(seconds: 946_684_799)) == "AAA")
        #expect(zone.offset(at: Instant(seconds: 946_684_800)) == 7200)
        #expect(zone.abbreviation(at: Instant(seconds: 946_684_800)) == "BBB")
        #expect(zone.isDaylightSavingTime(at: Instant(seconds: 946_684_800)))
    }

    @Test func refusesTruncatedOrForeignData() {
        let bytes = Self.versionOne
        #expect(Zone.fromTZif(Array(bytes.dropLast(3)), identifier: "x") == nil)
        #expect(Zone.fromTZif(Array(bytes.prefix(30)), identifier: "x") == nil)
        #expect(Zone.fromTZif(Array("Not a zone file at all, but long enough to hold a header".utf8), identifier: "x") == nil)
        #expect(Zone.fromTZif([], identifier: "x") == nil)
    }

    @Test func namesUTCInAnyCase() throws {
        #expect(try Zone.named("utc").offset(at: Instant(seconds: 0)) == 0)
        #expect(try Zone.named("Z").offset(at: Instant(seconds: 0)) == 0)
    }
}
