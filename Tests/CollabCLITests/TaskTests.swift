import Testing
import _CollabTestSupport

/// collab-task: tasks, their fields, filters and status changes.
@Suite struct TaskVerbTests {
    @Test func addPrintsTheTaskWithEveryFieldGiven() throws {
        let s = try Sandbox.withTeam()
        let t = try s.task(
            "add", "Préparer la réunion", "--project", "plu", "--priority", "high", "--assignee", "alice", "--due",
            "2026-11-27 17:00", "--start", "2026-11-24", "--estimate", "1h30m", "--tag", "conseil", "--tag", "urgent",
            "--description", "Salle du conseil", env: ["TZ": "Europe/Paris"]
        ).record()
        #expect(t.string("type") == "task")
        #expect(t.string("id") == "task-1")
        #expect(t.string("title") == "Préparer la réunion")
        #expect(t.string("description") == "Salle du conseil")
        #expect(t.string("project") == "plu")
        #expect(t.string("status") == "todo")
        #expect(t.string("priority") == "high")
        #expect(t.string("assignee") == "alice")
        #expect(t.string("author") == "root")
        #expect(t.string("due") == "2026-11-27T16:00:00Z")
        #expect(t.string("start") == "2026-11-23T23:00:00Z")
        #expect(t.string("estimate") == "PT1H30M")
        #expect(t.strings("tags") == ["conseil", "urgent"])
        #expect(t.int("rev") == 1)
        #expect(t["urgency"] is Double || t["urgency"] is Int)
        #expect((t.string("uuid") ?? "").count == 36)
    }

    @Test func titleAndDescriptionComeFromStandardInput() throws {
        let s = try Sandbox()
        let t = try s.task("add", "-", stdin: "Relire le PV\n").record()
        #expect(t.string("title") == "Relire le PV")
        let u = try s.task("update", "1", "--description", "-", stdin: "ligne 1\nligne 2\n").record()
        #expect(u.string("description") == "ligne 1\nligne 2")
        #expect(u.int("rev") == 2)
    }

    @Test func aKeyMakesAddIdempotent() throws {
        let s = try Sandbox()
        let a = try s.task("add", "Badge", "--key", "onb-zoe-badge").record()
        let seq = try s.lastSeq()
        let b = try s.task("add", "Badge (autre titre)", "--key", "onb-zoe-badge").record()
        #expect(b.string("id") == a.string("id"))
        #expect(b.string("title") == "Badge")
        #expect(try s.lastSeq() == seq)
    }

    @Test func badInputIsRefusedWithExit65NamingTheField() throws {
        let s = try Sandbox()
        let e1 = try s.taskFails(65, "add", "x", "--due", "someday", "--format", "ndjson")
        #expect(try e1.errorRecords().first?.string("field") == "due")
        try s.taskFails(65, "add", "x", "--estimate", "beaucoup")
        try s.taskFails(65, "add", "x", "--tag", "deux mots")
        try s.taskFails(65, "add", "x", "--recur", "weekly")  // no due
        try s.taskFails(65, "add", "x", "--due", "+1d", "--recur", "FREQ=HOURLY")
        try s.taskFails(65, "add", "x", "--assignee", "nobody")
        try s.taskFails(65, "add", "  ")
        try s.taskFails(64, "add", "x", "--priority", "extreme")
        try s.taskFails(64, "list", "--status", "sleeping")
        try s.taskFails(64, "list", "--sort", "colour")
        try s.taskFails(64, "list", "--format", "taskwarrior")
        try s.taskFails(64, "frobnicate")
        #expect(try s.lastSeq() == 1, "nothing was written")
    }

    @Test func unknownTasksAndProjectsAreExit1() throws {
        let s = try Sandbox()
        try s.taskFails(1, "show", "task-9")
        try s.taskFails(1, "show", "abc")
        try s.taskFails(1, "done", "9")
        try s.taskFails(1, "add", "x", "--project", "nope")
        try s.taskFails(1, "project", "show", "nope")
        try s.task("add", "one")
        let r = try s.taskFails(1, "show", "1", "2")
        #expect(try r.ids() == ["task-1"], "the found one is still shown")
    }

    @Test func updateChangesAnyFieldAndEmptyClears() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "T", "--project", "plu", "--due", "+2d", "--assignee", "bob", "--tag", "a", "--tag", "b")
        var t = try s.task("update", "task-1", "--title", "T2", "--priority", "urgent", "--add-tag", "c", "--remove-tag", "a").record()
        #expect(t.string("title") == "T2")
        #expect(t.string("priority") == "urgent")
        #expect(t.strings("tags") == ["b", "c"])
        t = try s.task("update", "1", "--due", "", "--assignee", "", "--project", "").record()
        #expect(t["due"] == nil && t["assignee"] == nil && t["project"] == nil)
        t = try s.task("update", "1", "--tag", "x").record()
        #expect(t.strings("tags") == ["x"])
        try s.taskFails(64, "update", "1")
    }

    @Test func ifRevRefusesAStaleUpdate() throws {
        let s = try Sandbox()
        try s.task("add", "T")
        try s.task("update", "1", "--priority", "low", "--if-rev", "1")
        let r = try s.taskFails(73, "update", "1", "--priority", "high", "--if-rev", "1")
        #expect(r.stderr.contains("rev 2"))
        #expect(try s.taskRecord("task-1").string("priority") == "low")
    }

    @Test func statusVerbsAndTheirNoOps() throws {
        let s = try Sandbox()
        try s.task("add", "T")
        var t = try s.task("start", "1").record()
        #expect(t.string("status") == "doing")
        #expect(t.string("start") == Sandbox.now)
        t = try s.task("done", "1").record()
        #expect(t.string("status") == "done")
        #expect(t.string("done_at") == Sandbox.now)
        let seq = try s.lastSeq()
        t = try s.task("done", "1").record()
        #expect(t.int("rev") == 3)
        #expect(try s.lastSeq() == seq, "done twice changes nothing")
        try s.taskFails(73, "start", "1")
        t = try s.task("reopen", "1").record()
        #expect(t.string("status") == "todo")
        #expect(t["done_at"] == nil)
        t = try s.task("cancel", "1").record()
        #expect(t.string("status") == "cancelled")
        try s.taskFails(65, "update", "1", "--status", "blocked")
    }

    @Test func verbsReadIdsFromStandardInput() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "A", "--due", "-1d")
        try s.task("add", "B", "--due", "-2d")
        try s.task("add", "C", "--due", "+5d")
        let overdue = try s.task("list", "--overdue").stdout
        let r = try s.task("update", "-", "--priority", "high", stdin: overdue)
        #expect(try r.ids() == ["task-1", "task-2"])
        #expect(try s.taskRecord("3").string("priority") == "normal")
        let a = try s.task("assign", "-", "bob", stdin: "task-1\n3\n")
        #expect(try a.records().map { $0.string("assignee") } == ["bob", "bob"])
        try s.task("done", "-", stdin: "{\"type\":\"task\",\"id\":\"task-2\"}\n")
        #expect(try s.taskRecord("2").string("status") == "done")
    }

    @Test func assignAndMove() throws {
        let s = try Sandbox.withTeam()
        try s.task("project", "add", "rh-2027", "--title", "RH")
        try s.task("add", "T", "--project", "plu")
        #expect(try s.task("assign", "1", "me").record().string("assignee") == "root")
        #expect(try s.task("assign", "1", "none").record()["assignee"] == nil)
        try s.taskFails(65, "assign", "1", "ghost")
        #expect(try s.task("move", "1", "rh-2027").record().string("project") == "rh-2027")
        #expect(try s.task("move", "1", "none").record()["project"] == nil)
        try s.taskFails(64, "assign", "1")
        try s.task("project", "archive", "rh-2027")
        try s.taskFails(73, "move", "1", "rh-2027")
        try s.taskFails(73, "add", "late", "--project", "rh-2027")
    }

    @Test func commentsAreRecordsShownWithTheTask() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "T", "--project", "plu")
        let c = try s.task("comment", "1", "Vu avec le maire", as: "carol").record()
        #expect(c.string("type") == "comment")
        #expect(c.string("id") == "comment-1")
        #expect(c.string("on") == "task-1")
        #expect(c.string("author") == "carol")
        #expect(c.string("body") == "Vu avec le maire")
        try s.task("comment", "task-1", "-", stdin: "deuxième\n")
        let shown = try s.task("show", "1", "--comments").records()
        #expect(shown.map { $0.string("type") } == ["task", "comment", "comment"])
        #expect(shown.last?.string("body") == "deuxième")
        try s.taskFails(65, "comment", "1", " ")
    }

    @Test func deleteIsForManagersAndKeepsParents() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "Parent", "--project", "plu")
        try s.task("add", "Child", "--parent", "1")
        try s.task("add", "Other", "--project", "plu", "--depends", "1")
        try s.taskFails(77, "delete", "2", as: "carol")
        try s.taskFails(73, "delete", "1")
        let d = try s.task("delete", "2").record()
        #expect(d.string("id") == "task-2")
        try s.taskFails(1, "show", "2")
        try s.task("delete", "1")
        #expect(try s.taskRecord("3").strings("depends") == [])
        #expect(try s.changes("--type", "task").contains { $0.string("op") == "delete" && $0.string("record_id") == "task-1" })
        try s.task("add", "Mine", as: "alice")
        try s.task("delete", "4", as: "alice")
    }

    @Test func dryRunWritesNothing() throws {
        let s = try Sandbox()
        let seq = try s.lastSeq()
        let r = try s.task("add", "T", "--dry-run")
        #expect(try r.records().first?.string("type") == "change")
        #expect(try s.lastSeq() == seq)
        try s.taskFails(1, "show", "1")
    }
}

@Suite struct TaskListTests {
    /// tasks: 1 alice urgent due yesterday tag a; 2 bob due +3d tag a,b; 3 unassigned
    /// "Réunion du conseil"; 4 done; 5 depends on 2 (blocked).
    func store() throws -> Sandbox {
        let s = try Sandbox.withTeam()
        try s.task("add", "Rapport annuel", "--project", "plu", "--assignee", "alice", "--priority", "urgent", "--due", "-1d", "--tag", "a")
        try s.task("add", "Budget", "--project", "plu", "--assignee", "bob", "--due", "+3d", "--tag", "a", "--tag", "b")
        try s.task("add", "Réunion du conseil", "--project", "plu", "--description", "ordre du jour")
        try s.task("add", "Fini", "--assignee", "alice")
        try s.task("done", "4")
        try s.task("add", "Après le budget", "--project", "plu", "--depends", "2", "--assignee", "alice")
        return s
    }

    @Test func listShowsOpenTasksInIdOrder() throws {
        let s = try store()
        #expect(try s.task("list", "-q").lines == ["task-1", "task-2", "task-3", "task-5"])
        #expect(try s.task("list", "--status", "all", "-q").lines.count == 5)
        #expect(try s.task("list", "--status", "done", "-q").lines == ["task-4"])
        #expect(try s.task("list", "--status", "blocked", "-q").lines == ["task-5"])
        #expect(try s.task("list", "--status", "todo", "-q").lines == ["task-1", "task-2", "task-3"])
        #expect(try s.task("list", "--blocked", "-q").lines == ["task-5"])
    }

    @Test func filtersCombineWithAnd() throws {
        let s = try store()
        #expect(try s.task("list", "--assignee", "alice", "-q").lines == ["task-1", "task-5"])
        #expect(try s.task("list", "--assignee", "me", "-q", as: "bob").lines == ["task-2"])
        #expect(try s.task("list", "--unassigned", "-q").lines == ["task-3"])
        #expect(try s.task("list", "--tag", "a", "-q").lines == ["task-1", "task-2"])
        #expect(try s.task("list", "--tag", "a", "--tag", "b", "-q").lines == ["task-2"])
        #expect(try s.task("list", "--tag", "a", "--assignee", "alice", "-q").lines == ["task-1"])
        #expect(try s.task("list", "--overdue", "-q").lines == ["task-1"])
        #expect(try s.task("list", "--due-before", "+1d", "-q").lines == ["task-1"])
        #expect(try s.task("list", "--due-after", "today", "-q").lines == ["task-2"])
        #expect(try s.task("list", "--project", "plu", "--limit", "2", "-q").lines == ["task-1", "task-2"])
    }

    @Test func queryIgnoresAccentsAndPlurals() throws {
        let s = try store()
        #expect(try s.task("list", "--query", "reunion", "-q").lines == ["task-3"])
        #expect(try s.task("list", "--query", "réunions conseil", "-q").lines == ["task-3"])
        #expect(try s.task("list", "--query", "ORDRE", "-q").lines == ["task-3"])
        #expect(try s.task("list", "--query", "budget", "-q").lines == ["task-2", "task-5"])
        try s.taskFails(65, "list", "--query", "!!")
    }

    @Test func sortKeys() throws {
        let s = try store()
        #expect(try s.task("list", "--sort", "due", "-q").lines == ["task-1", "task-2", "task-3", "task-5"])
        #expect(try s.task("list", "--sort", "-id", "-q").lines == ["task-5", "task-3", "task-2", "task-1"])
        #expect(try s.task("list", "--sort", "priority,title", "-q").lines.first == "task-1")
        #expect(try s.task("list", "--sort", "-urgency", "-q").lines == ["task-2", "task-1", "task-3", "task-5"], "task-2 blocks task-5: +8")
        #expect(try s.task("list", "--sort", "urgency", "-q").lines.first == "task-5")
    }

    @Test func guestsSeeOnlySharedProjects() throws {
        let s = try store()
        try s.task("project", "add", "secret", "--title", "S", "--visibility", "private")
        try s.task("add", "Caché", "--project", "secret")
        #expect(try s.task("list", "-q", as: "gus").lines == [])
        try s.taskFails(77, "show", "1", as: "gus")
        try s.taskFails(77, "show", "6", as: "alice")
        #expect(!(try s.task("list", "-q", as: "alice").lines.contains("task-6")))
        try s.task("project", "share", "plu", "gus")
        #expect(try s.task("list", "-q", as: "gus").lines == ["task-1", "task-2", "task-3", "task-5"])
        try s.taskFails(77, "update", "1", "--priority", "low", as: "gus")
        try s.task("comment", "1", "ok", as: "gus")
        #expect(try s.task("project", "list", "-q", as: "gus").lines == ["plu"])
        // The refusal is in the chain.
        #expect(try s.changes("--type", "refusal").count >= 2)
    }
}

@Suite struct TaskDependencyTests {
    @Test func aCycleIsRefused() throws {
        let s = try Sandbox()
        try s.task("add", "A")
        try s.task("add", "B", "--depends", "1")
        try s.task("add", "C", "--depends", "2")
        let r = try s.taskFails(65, "update", "1", "--depends", "3")
        #expect(r.stderr.contains("cycle"))
        try s.taskFails(65, "update", "1", "--depends", "1")
        try s.taskFails(1, "update", "1", "--depends", "9")
    }

    @Test func finishingABlockerUnblocksItsDependantsInTheFeed() throws {
        let s = try Sandbox()
        try s.task("add", "A")
        try s.task("add", "B", "--depends", "1")
        try s.task("add", "C", "--depends", "1", "--depends", "2")
        #expect(try s.taskRecord("2").string("status") == "blocked")
        let seq = try s.lastSeq()
        try s.task("done", "1")
        let feed = try s.changes("--since", String(seq))
        #expect(feed.map { $0.string("record_id") } == ["task-1", "task-2"], "task-3 still waits for task-2")
        #expect(feed.last?.object("record")?.string("status") == "todo")
        #expect(try s.taskRecord("3").string("status") == "blocked")
        try s.task("cancel", "2")
        #expect(try s.taskRecord("3").string("status") == "todo")
        try s.task("reopen", "1")
        #expect(try s.taskRecord("3").string("status") == "blocked")
        let t = try s.task("update", "3", "--remove-depends", "1").record()
        #expect(t.strings("depends") == ["task-2"])
        #expect(t.string("status") == "todo")
    }

    @Test func subtasksMakeAChecklist() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "Accueil", "--project", "plu")
        try s.task("add", "Badge", "--parent", "1")
        try s.task("add", "Poste", "--parent", "1")
        try s.task("add", "Annulé", "--parent", "1")
        try s.task("cancel", "4")
        #expect(try s.taskRecord("2").string("project") == "plu")
        try s.task("done", "2")
        let p = try s.taskRecord("1")
        #expect(p.object("checklist")?.int("done") == 1)
        #expect(p.object("checklist")?.int("total") == 2)
        #expect(p.object("checklist")?.int("percent") == 50)
        #expect(try s.task("list", "--parent", "1", "--status", "all", "-q").lines == ["task-2", "task-3", "task-4"])
        try s.taskFails(65, "update", "1", "--parent", "2")
        try s.taskFails(65, "update", "1", "--parent", "1")
    }
}
