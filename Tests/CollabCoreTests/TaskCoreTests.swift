import CollabCore
import Testing

@Suite struct TaskRecurrenceTests {
    let paris = try! Zone.named("Europe/Paris")
    let newYork = try! Zone.named("America/New_York")

    func at(_ s: String) -> Instant { RFC3339.parse(s)! }

    func series(_ rule: String, from start: String, count: Int, zone: Zone) throws -> [String] {
        let r = try TaskRecurrence.parse(rule)
        var out: [String] = []
        var prev = at(start)
        for _ in 0..<count {
            guard let n = r.next(after: prev, anchor: at(start), zone: zone) else { break }
            out.append(zone.identifier == "UTC" ? RFC3339.format(n) : RFC3339.format(n, in: zone))
            prev = n
        }
        return out
    }

    @Test func weeklyStaysAtNineLocalAcrossSpringForward() throws {
        // Paris moves to summer time on 2027-03-28.
        let s = try series("weekly", from: "2027-03-22T08:00:00Z", count: 2, zone: paris)
        #expect(s == ["2027-03-29T09:00:00+02:00", "2027-04-05T09:00:00+02:00"])
    }

    @Test func weeklyStaysAtNineLocalAcrossFallBack() throws {
        let s = try series("weekly", from: "2026-10-19T07:00:00Z", count: 2, zone: paris)
        #expect(s == ["2026-10-26T09:00:00+01:00", "2026-11-02T09:00:00+01:00"])
        let ny = try series("FREQ=WEEKLY", from: "2026-10-26T13:00:00Z", count: 1, zone: newYork)
        #expect(ny == ["2026-11-02T09:00:00-05:00"])
    }

    @Test func aDailyTaskAtTheMissingHourSkipsThatDayAsRFC5545Says() throws {
        // 02:30 does not exist in Paris on 2027-03-28.
        let s = try series("daily", from: "2027-03-27T01:30:00Z", count: 2, zone: paris)
        #expect(s == ["2027-03-29T02:30:00+02:00", "2027-03-30T02:30:00+02:00"])
    }

    @Test func monthlyOnThe31stSkipsShortMonths() throws {
        let s = try series("monthly", from: "2027-01-31T09:00:00Z", count: 3, zone: .utc)
        #expect(s == ["2027-03-31T09:00:00Z", "2027-05-31T09:00:00Z", "2027-07-31T09:00:00Z"])
    }

    @Test func ordinalWeekdaysAndMonthDays() throws {
        #expect(try series("FREQ=MONTHLY;BYDAY=-1FR", from: "2026-11-27T10:00:00Z", count: 2, zone: .utc)
            == ["2026-12-25T10:00:00Z", "2027-01-29T10:00:00Z"])
        #expect(try series("FREQ=MONTHLY;BYDAY=1MO", from: "2026-12-07T10:00:00Z", count: 1, zone: .utc) == ["2027-01-04T10:00:00Z"])
        #expect(try series("FREQ=MONTHLY;BYMONTHDAY=-1", from: "2027-01-31T10:00:00Z", count: 2, zone: .utc)
            == ["2027-02-28T10:00:00Z", "2027-03-31T10:00:00Z"])
        #expect(try series("weekdays", from: "2026-11-27T08:00:00Z", count: 2, zone: .utc) == ["2026-11-30T08:00:00Z", "2026-12-01T08:00:00Z"])
        #expect(try series("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", from: "2026-11-23T08:00:00Z", count: 3, zone: .utc)
            == ["2026-11-26T08:00:00Z", "2026-12-07T08:00:00Z", "2026-12-10T08:00:00Z"])
        #expect(try series("yearly", from: "2028-02-29T08:00:00Z", count: 1, zone: .utc) == ["2032-02-29T08:00:00Z"])
        #expect(try series("quarterly", from: "2026-11-30T08:00:00Z", count: 2, zone: .utc) == ["2027-05-30T08:00:00Z", "2027-08-30T08:00:00Z"])
    }

    @Test func countAndUntilEndTheSeries() throws {
        #expect(try series("FREQ=DAILY;COUNT=3", from: "2026-11-23T08:00:00Z", count: 5, zone: .utc).count == 2)
        #expect(try series("FREQ=DAILY;UNTIL=20261125T235959Z", from: "2026-11-23T08:00:00Z", count: 5, zone: .utc).count == 2)
    }

    @Test func unsupportedRulesAreBadInput() {
        for bad in ["hourly", "FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=WEEKLY;BYDAY=XX", "INTERVAL=2", "FREQ=DAILY;INTERVAL=0"] {
            let e = #expect(throws: CollabError.self, "\(bad)") { try TaskRecurrence.parse(bad) }
            #expect(e?.exitCode == 65)
        }
    }
}

@Suite struct TaskUrgencyTests {
    func task(_ priority: TaskPriority = .normal, due: String? = nil, created: String = "2026-11-23T00:00:00Z") -> TaskItem {
        var t = TaskItem(n: 1, uuid: UUIDText.random(), title: "t", author: "a", now: created)
        t.priority = priority
        t.due = due
        return t
    }

    let now = RFC3339.parse("2026-11-23T00:00:00Z")!

    func term(_ u: Urgency, _ name: String) -> Double { u.terms.first { $0.0 == name }!.1 }

    @Test func dueTermFollowsTheManPage() {
        #expect(term(Urgency(task(due: nil), now: now), "due") == 0)
        #expect(term(Urgency(task(due: "2026-11-16T00:00:00Z"), now: now), "due") == 12)  // 7 days overdue
        let fifth: Double = 12 * 0.2
        #expect(abs(term(Urgency(task(due: "2026-12-07T00:00:00Z"), now: now), "due") - fifth) < 1e-9)  // 14 days ahead
        #expect(abs(term(Urgency(task(due: "2027-06-01T00:00:00Z"), now: now), "due") - fifth) < 1e-9)
        let dueNow = term(Urgency(task(due: "2026-11-23T00:00:00Z"), now: now), "due")
        let expected: Double = 12 * (14 * 0.8 / 21 + 0.2)
        #expect(abs(dueNow - expected) < 1e-9)
    }

    @Test func priorityAgeAndStates() {
        #expect(term(Urgency(task(.urgent), now: now), "priority") == 9)
        #expect(term(Urgency(task(.low), now: now), "priority") == 1.8)
        #expect(term(Urgency(task(created: "2025-01-01T00:00:00Z"), now: now), "age") == 2)
        var t = task()
        t.blocked = true
        t.blocking = true
        t.stored = .doing
        let u = Urgency(t, now: now)
        let blocked = term(u, "blocked"), blocking = term(u, "blocking"), started = term(u, "started")
        #expect(blocked == -5)
        #expect(blocking == 8)
        #expect(started == 4)
        let expected: Double = 3.9 - 5 + 8 + 4
        #expect(abs(u.score - expected) < 1e-9)
    }
}

@Suite struct TaskValueTests {
    @Test func uuidsAreVersion4() {
        let u = UUIDText.random()
        #expect(UUIDText.isValid(u))
        #expect(Array(u)[14] == "4")
        #expect(!UUIDText.isValid("not-a-uuid"))
        #expect(UUIDText.random() != u)
    }

    @Test func tags() throws {
        #expect(try TaskTag.validate("+urgent") == "urgent")
        #expect(throws: CollabError.self) { try TaskTag.validate("a b") }
        #expect(throws: CollabError.self) { try TaskTag.validate("") }
        #expect(throws: CollabError.self) { try TaskTag.validate("a,b") }
    }
}
