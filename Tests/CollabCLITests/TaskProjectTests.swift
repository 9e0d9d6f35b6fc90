import Testing
import _CollabTestSupport

@Suite struct TaskProjectTests {
    @Test func addIsIdempotentAndConflictsNeedUpdate() throws {
        let s = try Sandbox.withTeam()
        let p = try s.task("project", "add", "rh-2027", "--title", "Plan RH", "--group", "rh", "--visibility", "private").record()
        #expect(p.string("type") == "project")
        #expect(p.string("owner") == "root")
        #expect(p.string("visibility") == "private")
        #expect(p.strings("members") == ["group:rh"])
        #expect(p.string("status") == "active")
        let seq = try s.lastSeq()
        try s.task("project", "add", "rh-2027", "--title", "Plan RH")
        #expect(try s.lastSeq() == seq)
        let c = try s.taskFails(73, "project", "add", "rh-2027", "--title", "Autre")
        #expect(c.stderr.contains("title"))
        let u = try s.task("project", "add", "rh-2027", "--title", "Autre", "--update").record()
        #expect(u.string("title") == "Autre")
        #expect(u.int("rev") == 2)
        let k = try s.task("project", "add", "other", "--title", "X", "--key", "K1").record()
        #expect(try s.task("project", "add", "again", "--title", "Y", "--key", "K1").record().string("id") == k.string("id"))
        try s.taskFails(65, "project", "add", "Bad Slug", "--title", "X")
        try s.taskFails(65, "project", "add", "notitle")
        try s.taskFails(65, "project", "add", "x", "--title", "X", "--group", "nogroup")
        try s.taskFails(77, "project", "add", "x", "--title", "X", as: "gus")
    }

    @Test func updateArchiveAndShareNeedManage() throws {
        let s = try Sandbox.withTeam()
        try s.taskFails(77, "project", "update", "plu", "--title", "X", as: "carol")
        try s.task("project", "share", "plu", "carol:manage")
        #expect(try s.task("project", "update", "plu", "--title", "PLU", as: "carol").record().string("title") == "PLU")
        try s.taskFails(73, "project", "update", "plu", "--title", "Y", "--if-rev", "1")
        let a = try s.task("project", "archive", "plu", as: "carol").record()
        #expect(a.string("status") == "archived")
        #expect(try s.task("project", "list", "-q").lines == [])
        #expect(try s.task("project", "list", "--status", "all", "-q").lines == ["plu"])
        let r = try s.task("project", "share", "plu", "group:rh:write", "gus").record()
        #expect(Set(r.strings("members") ?? []) == ["carol", "group:rh", "group:urba", "gus"])
        let v = try s.task("project", "share", "plu", "gus", "--revoke").record()
        #expect(!(v.strings("members") ?? []).contains("gus"))
        try s.taskFails(1, "project", "share", "plu", "nobody")
        try s.taskFails(65, "project", "share", "plu", "carol:admin")
        try s.taskFails(64, "project", "share", "plu")
    }

    @Test func showIncludesProgress() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "A", "--project", "plu", "--estimate", "2h", "--due=-1d")
        try s.task("add", "B", "--project", "plu", "--estimate", "3h")
        try s.task("add", "C", "--project", "plu", "--estimate", "1h", "--depends", "2")
        try s.task("add", "D", "--project", "plu")
        try s.task("done", "2")
        try s.task("cancel", "4")
        let p = try s.task("project", "show", "plu").record().object("progress")!
        #expect(p.int("total") == 4)
        #expect(p.int("todo") == 2)
        #expect(p.int("done") == 1)
        #expect(p.int("cancelled") == 1)
        #expect(p.int("overdue") == 1)
        #expect(p.int("percent_done") == 33)
        #expect(p.string("estimate_done") == "PT3H")
        #expect(p.string("estimate_left") == "PT3H")
        try s.task("project", "add", "secret", "--title", "S", "--visibility", "private")
        try s.taskFails(77, "project", "show", "secret", as: "alice")
    }
}

@Suite struct TaskRecurrenceEndToEndTests {
    @Test func doneCreatesTheNextInstanceOnceAtTheSameLocalTime() throws {
        let s = try Sandbox()
        let paris = ["TZ": "Europe/Paris"]
        try s.task("add", "Point hebdo", "--due", "2027-03-22 09:00", "--recur", "weekly", "--tag", "equipe", env: paris)
        let done = try s.task("done", "1", env: paris)
        #expect(try done.ids() == ["task-1"])
        let next = try s.taskRecord("2")
        #expect(next.string("due") == "2027-03-29T07:00:00Z", "09:00 in Paris, summer time")
        #expect(next.string("recur") == "weekly")
        #expect(next.strings("tags") == ["equipe"])
        #expect(next.string("status") == "todo")
        try s.task("done", "1", env: paris)
        try s.task("reopen", "1", env: paris)
        try s.task("done", "1", env: paris)
        #expect(try s.task("list", "--status", "all", "-q").lines == ["task-1", "task-2"], "still one next instance")
        try s.task("done", "2", env: paris)
        #expect(try s.taskRecord("3").string("due") == "2027-04-05T07:00:00Z")
    }

    @Test func twoProcessesFinishingTogetherMakeOneInstance() throws {
        let s = try Sandbox()
        try s.task("add", "Relevé", "--due", "2026-12-01 08:00", "--recur", "daily")
        let a = try s.start("collab-task", ["done", "1"])
        let b = try s.start("collab-task", ["done", "1"])
        let ra = try #require(a.wait(timeout: 30)), rb = try #require(b.wait(timeout: 30))
        #expect(ra.status == 0 && rb.status == 0, "\(ra)\n\(rb)")
        #expect(try s.task("list", "--status", "all", "-q").lines == ["task-1", "task-2"])
        #expect(try s.verify().status == 0)
    }
}

@Suite struct TaskViewTests {
    @Test func nextOrdersByUrgencyAndExplains() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "Low", "--assignee", "alice", "--priority", "low", "--project", "plu")
        try s.task("add", "Urgent", "--assignee", "alice", "--priority", "urgent", "--project", "plu")
        try s.task("add", "Due", "--assignee", "alice", "--due=-7d", "--project", "plu")
        try s.task("add", "Bob's", "--assignee", "bob", "--project", "plu")
        try s.task("add", "Mine", as: "alice")
        let r = try s.task("next", "--explain", as: "alice").records()
        #expect(r.map { $0.string("id") } == ["task-3", "task-2", "task-5", "task-1"])
        let terms = r[0].object("urgency_terms")!
        #expect(Set(terms.keys) == ["priority", "due", "age", "blocking", "blocked", "started"])
        #expect(terms["due"] as? Int == 12 || terms["due"] as? Double == 12)
        #expect(try s.task("next", "--user", "bob", "-q").lines == ["task-4"])
        #expect(try s.task("next", "--limit", "1", "-q", as: "alice").lines == ["task-3"])
    }

    @Test func boardHasOneColumnPerStatus() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "A", "--project", "plu", "--assignee", "carol")
        try s.task("add", "B", "--project", "plu")
        try s.task("add", "C", "--project", "plu", "--depends", "1")
        try s.task("start", "2")
        try s.task("add", "D", "--project", "plu")
        try s.task("done", "4")
        let rows = try s.task("board", "plu").records()
        #expect(rows.count == 1)
        #expect(rows[0].string("type") == "board_row")
        #expect(rows[0].string("todo") == "task-1 A @carol")
        #expect(rows[0].string("doing") == "task-2 B")
        #expect(rows[0].string("blocked") == "task-3 C")
        #expect(rows[0].string("done") == "task-4 D")
        let table = try s.task("board", "plu", "--format", "table").stdout
        #expect(table.hasPrefix("ID  TODO"))
        try s.taskFails(1, "board", "nope")
    }

    @Test func workloadCountsPerUserAndGroup() throws {
        let s = try Sandbox.withTeam()
        // Sandbox.now is Monday 2026-11-23.
        try s.task("add", "A", "--project", "plu", "--assignee", "carol", "--due", "2026-11-25", "--estimate", "2h")
        try s.task("add", "B", "--project", "plu", "--assignee", "carol", "--due", "2026-12-01", "--estimate", "3h")
        try s.task("add", "C", "--project", "plu", "--assignee", "carol", "--due", "2026-11-20")
        try s.task("add", "D", "--project", "plu", "--assignee", "bob", "--estimate", "1d")
        let w = try s.task("workload").records()
        #expect(w.map { $0.string("id") } == ["bob", "carol"])
        let carol = w[1]
        #expect(carol.int("open") == 3)
        #expect(carol.int("overdue") == 1)
        #expect(carol.int("due_this_week") == 1, "C was due last week")
        #expect(carol.string("estimate_this_week") == "PT2H")
        #expect(carol.int("due_next_week") == 1)
        #expect(carol.string("estimate_next_week") == "PT3H")
        #expect(w[0].string("estimate_open") == "PT24H")
        let g = try s.task("workload", "--by", "group").records()
        #expect(g.map { $0.string("id") } == ["rh", "urba"])
        #expect(g[1].string("kind") == "group")
        #expect(try s.task("workload", "--group", "rh", "-q").lines == ["bob"])
        try s.taskFails(64, "workload", "--by", "service")
    }
}

@Suite struct TaskTemplateTests {
    func model(_ s: Sandbox) throws {
        try s.task("project", "add", "modele", "--title", "Modèle d'arrivée")
        try s.task("add", "Badge", "--project", "modele", "--assignee", "bob", "--due", "2026-12-01 09:00", "--tag", "accueil", env: ["TZ": "Europe/Paris"])
        try s.task("add", "Comptes", "--project", "modele", "--assignee", "carol", "--due", "2026-12-03 17:00", "--depends", "1", "--estimate", "1h", env: ["TZ": "Europe/Paris"])
        try s.task("add", "Clé", "--parent", "1")
    }

    @Test func saveThenApplyFromAStartDate() throws {
        let s = try Sandbox.withTeam()
        try model(s)
        let t = try s.task("template", "save", "modele", "arrivee", "--role", "bob=manager", "--role", "carol=it", env: ["TZ": "Europe/Paris"]).record()
        #expect(t.string("type") == "template")
        #expect(t.strings("roles") == ["it", "manager"])
        let items = t.objects("tasks")!
        #expect(items.map { $0.string("due") } == ["+0 09:00", "+2 17:00", nil])
        try s.task("project", "add", "arrivee-zoe", "--title", "Arrivée Zoé")
        let applied = try s.task(
            "template", "apply", "arrivee", "--project", "arrivee-zoe", "--start", "2027-03-29", "--assign", "manager=alice",
            "--assign", "it=bob", "--key", "zoe", env: ["TZ": "Europe/Paris"]
        ).records()
        #expect(applied.map { $0.string("title") } == ["Badge", "Comptes", "Clé"])
        #expect(applied[0].string("due") == "2027-03-29T07:00:00Z", "09:00 Paris summer time")
        #expect(applied[1].string("due") == "2027-03-31T15:00:00Z")
        #expect(applied[0].string("assignee") == "alice")
        #expect(applied[1].string("assignee") == "bob")
        #expect(applied[1].strings("depends") == [applied[0].string("id")!])
        #expect(applied[2].string("parent") == applied[0].string("id"))
        #expect(applied.allSatisfy { $0.string("project") == "arrivee-zoe" })
        let seq = try s.lastSeq()
        let again = try s.task("template", "apply", "arrivee", "--project", "arrivee-zoe", "--start", "2027-03-29", "--key", "zoe")
        #expect(try again.ids() == applied.map { $0.string("id")! })
        #expect(try s.lastSeq() == seq, "a keyed apply runs once")
    }

    @Test func rolesWithoutUsersStayUnassignedWithAWarning() throws {
        let s = try Sandbox.withTeam()
        try model(s)
        try s.task("template", "save", "modele", "arrivee", "--role", "bob=manager")
        try s.task("project", "add", "p2", "--title", "P2")
        let r = try s.task("template", "apply", "arrivee", "--project", "p2", "--start", "2027-01-04")
        #expect(r.stderr.contains("manager"))
        let tasks = try r.records()
        #expect(tasks[0]["assignee"] == nil)
        #expect(tasks[1].string("assignee") == "carol", "a role named after an existing user goes to them")
        try s.taskFails(65, "template", "apply", "arrivee", "--project", "p2", "--start", "2027-01-04", "--assign", "chef=bob")
        try s.taskFails(64, "template", "apply", "arrivee", "--project", "p2", "--start", "2027-01-04", "--assign", "chef")
        try s.taskFails(1, "template", "apply", "nope", "--project", "p2", "--start", "2027-01-04")
    }

    @Test func listShowSaveAgainAndDelete() throws {
        let s = try Sandbox.withTeam()
        try model(s)
        try s.task("template", "save", "modele", "arrivee")
        let seq = try s.lastSeq()
        try s.task("template", "save", "modele", "arrivee")
        #expect(try s.lastSeq() == seq)
        try s.task("add", "Nouveau", "--project", "modele")
        try s.taskFails(73, "template", "save", "modele", "arrivee")
        #expect(try s.task("template", "save", "modele", "arrivee", "--update").record().int("rev") == 2)
        #expect(try s.task("template", "list", "-q").lines == ["arrivee"])
        #expect(try s.task("template", "show", "arrivee").record().objects("tasks")?.count == 4)
        try s.taskFails(1, "template", "show", "nope")
        try s.taskFails(77, "template", "delete", "arrivee", as: "alice")
        try s.task("template", "delete", "arrivee")
        try s.taskFails(1, "template", "show", "arrivee")
        try s.task("project", "add", "vide", "--title", "Vide")
        try s.taskFails(65, "template", "save", "vide", "t")
    }
}
