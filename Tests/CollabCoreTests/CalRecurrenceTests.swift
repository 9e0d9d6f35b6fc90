import Testing
import _CollabTestSupport
@testable import CollabCore

private func wall(_ text: String) -> CivilDateTime {
    let p = RFC3339.components(text, requireSeconds: false)!
    return p.local
}

/// Expands the rule with python-dateutil (the reference the issue names) and returns its
/// first `limit` starts as `YYYY-MM-DDTHH:MM:SS`.
private func dateutil(_ start: String, _ rule: String, _ limit: Int) throws -> [String] {
    let script = """
        import sys, itertools
        from datetime import datetime
        from dateutil.rrule import rrulestr
        start = datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%S")
        for d in itertools.islice(rrulestr(sys.argv[2], dtstart=start), int(sys.argv[3])):
            print(d.strftime("%Y-%m-%dT%H:%M:%S"))
        """
    let s = try Sandbox(initialise: false)
    let r = try s.run("python3", ["-c", script, start, rule, String(limit)])
    try #require(r.status == 0, "python3 with dateutil failed (pip install python-dateutil): \(r)")
    return r.lines
}

private func ours(_ start: String, _ rule: String, _ limit: Int) throws -> [String] {
    let parsed = try RRule.parse(rule)
    return parsed.instances(from: wall(start), in: nil).prefix(limit).map(\.local.iso)
}

@Suite struct CalRecurrenceTests {
    /// Rules checked start by start against python-dateutil's rrule.
    @Test(arguments: [
        ("2026-01-05T09:00:00", "FREQ=DAILY;COUNT=10"),
        ("2026-01-05T09:00:00", "FREQ=DAILY;INTERVAL=3;UNTIL=20260301T000000"),
        ("2026-01-05T09:00:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=20"),
        ("2026-01-05T09:00:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU;COUNT=12"),
        ("1997-08-05T09:00:00", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"),
        ("1997-08-05T09:00:00", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
        ("2026-01-30T10:00:00", "FREQ=MONTHLY;COUNT=12"),
        ("2026-01-31T10:00:00", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=8"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=14"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;BYMONTHDAY=1,-1,15;COUNT=14"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=13"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;BYDAY=2MO,-2WE;COUNT=12"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,2;COUNT=12"),
        ("2026-01-01T10:00:00", "FREQ=MONTHLY;INTERVAL=18;BYMONTHDAY=10,11,12;COUNT=10"),
        ("2026-02-28T10:00:00", "FREQ=YEARLY;COUNT=5"),
        ("2024-02-29T10:00:00", "FREQ=YEARLY;COUNT=4"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,28;COUNT=4"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYDAY=20MO;COUNT=5"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYDAY=-1SU;COUNT=5"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH;COUNT=11"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYMONTH=11;BYDAY=1TH,4TH;COUNT=6"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=5"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,SU;COUNT=8"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYWEEKNO=-1;BYDAY=TH;COUNT=6"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;COUNT=3"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYYEARDAY=1,100,200,-1;COUNT=12"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYYEARDAY=366;COUNT=3"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYMONTH=1,7;BYDAY=MO;BYSETPOS=3;COUNT=6"),
        ("2026-01-01T10:00:00", "FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=13;COUNT=6"),
        ("2026-01-01T09:00:00", "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0,30;COUNT=12"),
        ("2026-01-01T09:00:00", "FREQ=DAILY;BYMONTH=1,3;BYDAY=SA;COUNT=10"),
        ("2026-01-01T09:15:00", "FREQ=HOURLY;INTERVAL=5;COUNT=12"),
        ("2026-01-01T09:15:00", "FREQ=HOURLY;BYHOUR=9,10,11;BYDAY=MO;COUNT=9"),
        ("2026-01-01T09:15:20", "FREQ=MINUTELY;INTERVAL=20;COUNT=10"),
        ("2026-01-01T09:00:00", "FREQ=MINUTELY;INTERVAL=90;BYHOUR=9,10,11,12,13,14,15,16;COUNT=10"),
        ("2026-01-01T09:00:00", "FREQ=MINUTELY;BYMINUTE=0,20,40;BYHOUR=9,16;COUNT=9"),
        ("2026-01-01T09:00:00", "FREQ=SECONDLY;INTERVAL=17;BYMINUTE=1;COUNT=8"),
        ("2026-01-01T09:00:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=8,17;BYMINUTE=5;COUNT=6"),
        ("2026-01-01T09:00:00", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;BYHOUR=0;BYSETPOS=1;COUNT=3"),
    ])
    func expansionMatchesDateutil(_ start: String, _ rule: String) throws {
        let limit = 40
        #expect(try ours(start, rule, limit) == (try dateutil(start, rule, limit)), "\(rule) from \(start)")
    }

    @Test func aWeeklyMeetingStaysAtNineInParisAcrossBothChanges() throws {
        let paris = try Zone.named("Europe/Paris")
        let rule = try RRule.parse("FREQ=WEEKLY;COUNT=33")
        let starts = Array(rule.instances(from: wall("2026-03-16T09:00:00"), in: paris))
        #expect(starts.count == 33)
        #expect(starts.allSatisfy { $0.local.hour == 9 && $0.local.minute == 0 })
        #expect(starts[1].instant == RFC3339.parse("2026-03-23T08:00:00Z"), "winter: UTC+1")
        #expect(starts[2].instant == RFC3339.parse("2026-03-30T07:00:00Z"), "summer: UTC+2")
        #expect(starts[32].instant == RFC3339.parse("2026-10-26T08:00:00Z"), "winter again")
        #expect(starts[31].instant == RFC3339.parse("2026-10-19T07:00:00Z"), "the last summer week")
    }

    @Test func newYorkChangesOnItsOwnDates() throws {
        let ny = try Zone.named("America/New_York")
        let rule = try RRule.parse("FREQ=DAILY;COUNT=3")
        let march = Array(rule.instances(from: wall("2026-03-07T10:00:00"), in: ny)).map(\.instant)
        #expect(march == ["2026-03-07T15:00:00Z", "2026-03-08T14:00:00Z", "2026-03-09T14:00:00Z"].map { RFC3339.parse($0)! })
        let november = Array(rule.instances(from: wall("2026-10-31T10:00:00"), in: ny)).map(\.instant)
        #expect(november == ["2026-10-31T14:00:00Z", "2026-11-01T15:00:00Z", "2026-11-02T15:00:00Z"].map { RFC3339.parse($0)! })
    }

    @Test func aTimeInsideTheSpringGapIsSkippedAndNotCounted() throws {
        let paris = try Zone.named("Europe/Paris")
        // 02:30 does not exist in Paris on 2026-03-29.
        let rule = try RRule.parse("FREQ=DAILY;COUNT=3")
        let starts = Array(rule.instances(from: wall("2026-03-28T02:30:00"), in: paris)).map(\.local.iso)
        #expect(starts == ["2026-03-28T02:30:00", "2026-03-30T02:30:00", "2026-03-31T02:30:00"])
    }

    @Test func aTimeRepeatedInTheFallBackIsTheFirstOne() throws {
        let paris = try Zone.named("Europe/Paris")
        let rule = try RRule.parse("FREQ=DAILY;COUNT=2")
        let starts = Array(rule.instances(from: wall("2026-10-24T02:30:00"), in: paris)).map(\.instant)
        #expect(starts == ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z"].map { RFC3339.parse($0)! })
    }

    @Test func untilInUTCIsComparedAsAnInstant() throws {
        let paris = try Zone.named("Europe/Paris")
        let rule = try RRule.parse("FREQ=DAILY;UNTIL=20260703T070000Z")
        let starts = Array(rule.instances(from: wall("2026-07-01T09:00:00"), in: paris)).map(\.local.iso)
        #expect(starts == ["2026-07-01T09:00:00", "2026-07-02T09:00:00", "2026-07-03T09:00:00"])
    }

    @Test func anOpenEndedSeriesIsReadLazily() throws {
        let rule = try RRule.parse("FREQ=MINUTELY")
        var it = rule.instances(from: wall("2026-01-01T00:00:00"), in: nil)
        var last: RRule.Instance?
        for _ in 0..<100_000 { last = it.next() }
        #expect(last?.local.iso == "2026-03-11T10:39:00")
    }

    @Test func aRuleThatNeverMatchesEnds() throws {
        let rule = try RRule.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
        #expect(Array(rule.instances(from: wall("2026-01-01T00:00:00"), in: nil)).isEmpty)
        let minutely = try RRule.parse("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31")
        #expect(Array(minutely.instances(from: wall("2026-01-01T00:00:00"), in: nil)).isEmpty)
    }

    @Test func theSetAddsTheStartAndRDatesAndRemovesExDates() throws {
        let paris = try Zone.named("Europe/Paris")
        let rule = try RRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=3")
        let set = RecurrenceSet(
            start: wall("2026-06-01T09:00:00"), zone: paris, rule: rule,
            rdates: [RFC3339.parse("2026-06-05T12:00:00Z")!, RFC3339.parse("2026-06-02T07:00:00Z")!],
            exdates: [RFC3339.parse("2026-06-09T07:00:00Z")!])
        #expect(set.map(\.instant.description) == [
            "2026-06-01T07:00:00Z", "2026-06-02T07:00:00Z", "2026-06-05T12:00:00Z", "2026-06-16T07:00:00Z",
        ])
    }

    @Test(arguments: [
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
        "FREQ=YEARLY;UNTIL=20301231T235959Z;INTERVAL=2;BYDAY=1MO,SU;BYMONTH=1,6;BYSETPOS=-1;WKST=SU",
        "FREQ=DAILY;UNTIL=20261231;BYHOUR=9,14;BYMINUTE=30",
        "FREQ=YEARLY;BYWEEKNO=-1,20;BYYEARDAY=-1",
    ])
    func aRuleIsWrittenBackAsRead(_ text: String) throws {
        let rule = try RRule.parse(text)
        #expect(try RRule.parse(rule.text) == rule)
        #expect(try RRule.parse("RRULE:" + text.lowercased()) == rule)
    }

    @Test func theCanonicalOrderIsStable() throws {
        #expect(try RRule.parse("byday=mo,fr;count=4;freq=weekly;interval=2").text == "FREQ=WEEKLY;COUNT=4;INTERVAL=2;BYDAY=MO,FR")
    }

    @Test(arguments: [
        ("BYDAY=MO", "FREQ is required"),
        ("FREQ=FORTNIGHTLY", "unknown FREQ"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20260101", "COUNT and UNTIL"),
        ("FREQ=DAILY;COUNT=0", "COUNT"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "out of range"),
        ("FREQ=WEEKLY;BYDAY=2MO", "ordinals"),
        ("FREQ=MONTHLY;BYDAY=XX", "not a weekday"),
        ("FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO"),
        ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS needs"),
        ("FREQ=DAILY;UNTIL=2026-01-01", "UNTIL"),
        ("FREQ=DAILY;FOO=1", "unknown part"),
        ("FREQ=DAILY;FREQ=WEEKLY", "twice"),
    ])
    func aBadRuleIsBadInputNamingThePart(_ text: String, _ why: String) throws {
        let error = try #require(throws: CollabError.self) { try RRule.parse(text) }
        #expect(error.kind == .badInput)
        #expect(error.field == "rrule")
        #expect(error.message.contains(why), "\(error.message)")
    }
}
