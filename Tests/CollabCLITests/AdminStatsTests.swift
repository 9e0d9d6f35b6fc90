import Testing
import _CollabTestSupport

extension Sandbox {
    /// Runs `collab-admin` with these arguments and requires exit 0.
    @discardableResult
    func admin(_ arguments: [String], env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let r = try run("collab-admin", arguments, env: env)
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }
}

/// `collab-admin stats` on a small fixed data set whose figures were computed by hand.
/// The window is 2026-11-02 (Monday of ISO week 45) to 2026-11-23 (Monday of week 48).
@Suite struct AdminStatsTests {
    static func at(_ time: String) -> [String: String] { ["COLLAB_NOW": time] }
    static let window = ["--from", "2026-11-02T00:00:00Z", "--to", "2026-11-23T00:00:00Z"]

    /// alice (rh), bob and carol (urba); messages, tasks, two circuits and meetings.
    static func office() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", extra: ["--group", "rh"])
        try s.addUsers("bob", "carol", extra: ["--group", "urba"])
        // Messages: general W45 ×2 (alice, bob), W46 ×1 (alice); annonces W47 ×1 (bob);
        // one before the window.
        try s.msg(["channel", "add", "general"])
        try s.msg(["channel", "add", "annonces"])
        try s.post("general", "avant", as: "alice", env: at("2026-10-20T10:00:00Z"))
        try s.post("general", "un", as: "alice", env: at("2026-11-03T10:00:00Z"))
        try s.post("general", "deux", as: "bob", env: at("2026-11-04T10:00:00Z"))
        try s.post("general", "trois", as: "alice", env: at("2026-11-10T10:00:00Z"))
        try s.post("annonces", "quatre", as: "bob", env: at("2026-11-17T10:00:00Z"))
        // Tasks of project plu, all created 2026-11-02T08:00Z by root.
        let created = at("2026-11-02T08:00:00Z")
        try s.task("project", "add", "plu", "--title", "PLU", "--visibility", "public", env: created)
        try s.task("add", "t1", "--project", "plu", "--assignee", "alice", "--due", "2026-11-04T12:00:00Z", env: created)
        try s.task("add", "t2", "--project", "plu", "--assignee", "alice", "--due", "2026-11-04T12:00:00Z", env: created)
        try s.task("add", "t3", "--project", "plu", "--assignee", "bob", env: created)
        try s.task("add", "t4", "--project", "plu", "--assignee", "bob", env: created)
        try s.task("add", "t5", "--project", "plu", "--assignee", "alice", "--due", "2026-11-10T12:00:00Z", env: created)
        try s.task("add", "t6", "--project", "plu", "--assignee", "alice", "--due", "2026-12-10T12:00:00Z", env: created)
        try s.task("done", "1", env: at("2026-11-03T08:00:00Z"))   // 1 day, on time
        try s.task("done", "2", env: at("2026-11-05T08:00:00Z"))   // 3 days, late
        try s.task("done", "3", env: at("2026-11-04T08:00:00Z"))   // 2 days
        try s.task("done", "4", env: at("2026-11-12T08:00:00Z"))   // 10 days
        // Two circuits of two visa steps (bob then carol), started 2026-11-05T09:00Z.
        try s.docOK("folder", "add", "/actes", "--visibility", "public")
        for name in ["a.txt", "b.txt"] {
            try s.writeFile(name, name)
            try s.docOK("add", name, "--folder", "/actes", env: created)
        }
        for doc in ["doc-1", "doc-2"] {
            try s.docOK("circuit", "start", doc, "--step", "visa:bob", "--step", "visa:carol", env: at("2026-11-05T09:00:00Z"))
        }
        try s.docOK("approve", "doc-1", as: "bob", env: at("2026-11-06T09:00:00Z"))     // step 1: 24 h
        try s.docOK("approve", "doc-1", as: "carol", env: at("2026-11-08T09:00:00Z"))   // step 2: 48 h
        try s.docOK("approve", "doc-2", as: "bob", env: at("2026-11-05T21:00:00Z"))     // step 1: 12 h
        try s.docOK("approve", "doc-2", as: "carol", env: at("2026-11-06T09:00:00Z"))   // step 2: 12 h
        // Meetings: alice's 1 h 30 with bob (accepted) and carol (no reply); bob's weekly
        // hour from 2026-11-09, three times (the third, 2026-11-23 14:00, is after the window).
        try s.cal("add", "Point RH", "--start", "2026-11-03T10:00:00Z", "--duration", "90m",
                  env: ["COLLAB_USER": "alice", "COLLAB_NOW": "2026-11-02T08:00:00Z"])
        try s.cal("invite", "evt-1", "bob", "carol", env: ["COLLAB_USER": "alice"])
        try s.cal("rsvp", "evt-1", "accept", env: ["COLLAB_USER": "bob"])
        try s.cal("add", "Hebdo", "--start", "2026-11-09T14:00:00Z", "--duration", "1h",
                  "--rrule", "FREQ=WEEKLY;COUNT=3", env: ["COLLAB_USER": "bob", "COLLAB_NOW": "2026-11-02T08:00:00Z"])
        return s
    }

    static func find(_ stats: [[String: Any]], _ id: String) -> [String: Any]? {
        stats.first { $0.string("id") == id }
    }

    @Test func figuresOfTheWindow() throws {
        let s = try Self.office()
        let stats = try s.admin(["stats"] + Self.window).records()
        #expect(stats.allSatisfy { $0.string("type") == "stat" })
        let metrics = stats.map { $0.string("metric") ?? "" }
        let order = ["messages", "tasks", "circuit_step", "meeting_hours", "active_users"]
        let ranks = metrics.map { order.firstIndex(of: $0) ?? -1 }
        #expect(ranks == ranks.sorted() && !ranks.contains(-1), "\(metrics)")

        let messages = stats.filter { $0.string("metric") == "messages" }
        #expect(messages.map { $0.string("id") ?? "" } == ["messages:annonces:2026-W47", "messages:general:2026-W45", "messages:general:2026-W46"])
        #expect(messages.map { $0.int("count") ?? -1 } == [1, 2, 1])
        #expect(messages[1].string("channel") == "general")
        #expect(messages[1].string("week") == "2026-W45")

        let plu = try #require(Self.find(stats, "tasks:plu"))
        #expect(plu.string("project") == "plu")
        #expect(plu.int("count") == 4)
        #expect(plu.string("median") == "PT60H", "1, 2, 3, 10 days: (2 + 3) / 2")
        #expect(plu.string("p90") == "PT240H", "rank ⌈3.6⌉ = 4")
        #expect(plu.int("due") == 3, "t1, t2, t5 (t6 is due after the window)")
        #expect(plu.int("overdue") == 2, "t2 done late, t5 still open")
        #expect(plu["overdue_ratio"] as? Double == 0.67)
        let rh = try #require(Self.find(stats, "tasks:rh"))
        #expect(rh.string("service") == "rh")
        #expect(rh.int("count") == 2)
        #expect(rh.string("median") == "PT48H")
        #expect(rh.string("p90") == "PT72H")
        #expect(rh.int("overdue") == 2)
        let urba = try #require(Self.find(stats, "tasks:urba"))
        #expect(urba.string("median") == "PT144H")
        #expect(urba.string("p90") == "PT240H")
        #expect(urba.int("due") == 0)
        #expect(!urba.keys.contains("overdue_ratio"))

        let step1 = try #require(Self.find(stats, "circuit_step:1:visa"))
        #expect(step1.int("step") == 1)
        #expect(step1.string("kind") == "visa")
        #expect(step1.int("count") == 2)
        #expect(step1.string("median") == "PT18H")
        #expect(step1.string("p90") == "PT24H")
        let step2 = try #require(Self.find(stats, "circuit_step:2:visa"))
        #expect(step2.string("median") == "PT30H")
        #expect(step2.string("p90") == "PT48H")

        let hours = stats.filter { $0.string("metric") == "meeting_hours" }
        #expect(hours.map { $0.string("user") ?? "" } == ["alice", "bob"], "carol did not accept")
        #expect(hours[0]["hours"] as? Double == 1.5)
        #expect(hours[0].int("count") == 1)
        #expect(hours[1]["hours"] as? Double == 3.5)
        #expect(hours[1].int("count") == 3)

        let active = try #require(Self.find(stats, "active_users"))
        #expect(active.int("count") == 4, "root, alice, bob, carol")
    }

    @Test func aNarrowerWindow() throws {
        let s = try Self.office()
        let stats = try s.ok("stats", "--from", "2026-11-09T00:00:00Z", "--to", "2026-11-16T00:00:00Z").records()
        #expect(pick(stats, "metric", "messages") == ["messages:general:2026-W46"])
        let plu = try #require(Self.find(stats, "tasks:plu"))
        #expect(plu.int("count") == 1, "only t4 was done that week")
        #expect(plu.int("due") == 1)
        #expect(plu.int("overdue") == 1)
        #expect(pick(stats, "metric", "circuit_step").isEmpty)
        #expect(pick(stats, "metric", "meeting_hours", field: "user") == ["bob"])
    }

    @Test func theDefaultWindowIsTheLast28Days() throws {
        let s = try Self.office()
        // From 2026-10-26T09:20Z to now (2026-11-23T09:20Z): the message of 2026-10-20 is out,
        // the third weekly meeting (2026-11-23 14:00) is not yet.
        let stats = try s.ok("stats").records()
        #expect(pick(stats, "metric", "messages") == ["messages:annonces:2026-W47", "messages:general:2026-W45", "messages:general:2026-W46"])
        let bob = try #require(Self.find(stats, "meeting_hours:bob"))
        #expect(bob["hours"] as? Double == 3.5)
    }

    @Test func aGroupRestrictsThePeopleFigures() throws {
        let s = try Self.office()
        let stats = try s.admin(["stats", "--group", "rh"] + Self.window).records()
        let counts: [Int] = stats.filter { $0.string("metric") == "messages" }.map { $0.int("count") ?? -1 }
        #expect(counts == [1, 1])
        #expect(Self.find(stats, "tasks:urba") == nil)
        let plu = try #require(Self.find(stats, "tasks:plu"))
        #expect(plu.int("count") == 2)
        #expect(plu.int("due") == 3)
        #expect(pick(stats, "metric", "meeting_hours", field: "user") == ["alice"])
        let active = try #require(Self.find(stats, "active_users:rh"))
        #expect(active.int("count") == 1)
        #expect(active.string("service") == "rh")
    }

    @Test func aTableForPeople() throws {
        let s = try Self.office()
        let r = try s.admin(["stats", "--format", "table"] + Self.window)
        let header = try #require(r.lines.first)
        #expect(header.contains("METRIC") && header.contains("COUNT") && header.contains("MEDIAN"), "\(r)")
        #expect(r.lines.contains { $0.contains("messages") && $0.contains("2026-W45") }, "\(r)")
        #expect(r.lines.count == 1 + (try s.admin(["stats"] + Self.window).records().count))
        let csv = try s.admin(["stats", "--format", "csv"] + Self.window)
        #expect(csv.lines.first?.hasPrefix("type,id,metric,channel,week") == true, "\(csv)")
    }

    @Test func errors() throws {
        let s = try Self.office()
        try s.fails(65, "stats", "--from", "2026-11-23T00:00:00Z", "--to", "2026-11-02T00:00:00Z")
        try s.fails(65, "stats", "--from", "someday")
        try s.fails(1, "stats", "--group", "nogroup")
        try s.fails(65, "stats", "--group", "Bad Group")
        try s.fails(77, "stats", env: ["COLLAB_USER": "alice"])
        try s.fails(64, "stats", "--window", "1w")
    }
}
