import Testing
import _CollabTestSupport

@Suite struct TaskInterchangeTests {
    @Test func nativeExportImportsIntoAFreshStoreAndTwiceChangesNothing() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "A", "--project", "plu", "--assignee", "carol", "--due", "+2d", "--tag", "x", "--estimate", "2h")
        try s.task("add", "B", "--project", "plu", "--depends", "1", "--parent", "1")
        try s.task("add", "C")
        try s.task("done", "3")
        let export = try s.task("export").stdout
        #expect(try s.task("export", "-q").lines == ["task-1", "task-2", "task-3"])

        let t = try Sandbox.withTeam()
        try t.task("add", "Already here")
        let r = try t.task("import", "-", stdin: export)
        #expect(try Set(r.ids()) == ["task-2", "task-3", "task-4"])
        let b = try t.taskRecord("3")
        #expect(b.strings("depends") == ["task-2"], "references follow the file's ids")
        #expect(b.string("parent") == "task-2")
        #expect(b.string("status") == "blocked")
        #expect(try t.taskRecord("4").string("status") == "done")
        #expect(try t.taskRecord("2").string("estimate") == "PT2H")
        let seq = try t.lastSeq()
        try t.task("import", "-", stdin: export)
        #expect(try t.lastSeq() == seq, "the same file again changes nothing")
        // Re-importing into the source store changes nothing either.
        let seq0 = try s.lastSeq()
        try s.task("import", "-", stdin: export)
        #expect(try s.lastSeq() == seq0)
    }

    @Test func anImportWithOneBadLineWritesNothing() throws {
        let s = try Sandbox()
        let input = """
            {"type":"task","title":"ok"}
            {"type":"task","title":"bad due","due":"demain"}
            not json
            {"type":"task","title":"x","depends":["task-99"]}
            {"type":"task","title":"y","priority":"extreme"}

            """
        let r = try s.taskFails(65, "import", "-", "--format", "ndjson", stdin: input)
        let errors = try r.errorRecords()
        #expect(errors.compactMap { $0.int("input_line") } == [2, 3, 5, 4])
        #expect(errors.first?.string("field") == "due")
        #expect(try s.task("list", "--status", "all", "-q").lines == [])
        #expect(try s.lastSeq() == 1)
        let k = try s.task("import", "-", "--skip-invalid", stdin: input)
        #expect(try k.ids() == ["task-1"])
        #expect(k.stderr.contains("4 bad lines skipped"))
        try s.taskFails(74, "import", "/nonexistent/file.ndjson")
    }

    @Test func aSkippedLineTakesBackTheProjectItCreated() throws {
        let s = try Sandbox.withTeam()
        let input = """
            {"type":"task","title":"A","project":"nouveau","assignee":"ghost"}
            {"type":"task","title":"B","project":"nouveau"}

            """
        let r = try s.task("import", "--skip-invalid", "-", stdin: input)
        #expect(try r.records().map { $0.string("title") } == ["B"])
        #expect(r.stderr.contains("input:1:") && r.stderr.contains("'ghost'"))
        #expect(!r.stderr.contains("input:2:"), "the second line is good: its project is created then")
        #expect(r.stderr.contains("1 bad line skipped"))
        #expect(try s.task("project", "show", "nouveau").records().first?.string("id") == "nouveau")
    }

    @Test func aLineRefusedAProjectDoesNotOpenItToTheNextLines() throws {
        let s = try Sandbox.withTeam()
        try s.task("project", "add", "secret", "--title", "S", "--visibility", "private")
        let input = """
            {"type":"task","title":"A","project":"secret"}
            {"type":"task","title":"B","project":"secret"}

            """
        let r = try s.task("import", "--skip-invalid", "-", as: "alice", stdin: input)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("input:1:") && r.stderr.contains("input:2:"), "\(r.stderr)")
        #expect(r.stderr.contains("2 bad lines skipped"))
        #expect(try s.task("export", "--project", "secret", "-q").lines.isEmpty)
        let k = try s.taskFails(65, "import", "-", as: "alice", stdin: input)
        #expect(k.stderr.contains("input:1:") && k.stderr.contains("input:2:"), "\(k.stderr)")
    }

    @Test func exportTakesTheListFilters() throws {
        let s = try Sandbox.withTeam()
        try s.task("add", "A", "--project", "plu")
        try s.task("add", "B")
        try s.task("done", "2")
        #expect(try s.task("export", "--project", "plu", "-q").lines == ["task-1"])
        #expect(try s.task("export", "--status", "done", "-q").lines == ["task-2"])
        try s.taskFails(64, "project", "list", "--format", "taskwarrior")
    }

    @Test func taskwarriorExportAnnotatesOnlyTheCommentedTasks() throws {
        let s = try Sandbox.withTeam()
        for title in ["A", "B", "C"] { try s.task("add", title) }
        try s.task("comment", "task-2", "premier avis")
        try s.task("comment", "task-2", "second avis")
        let out = try s.task("export", "--format", "taskwarrior").records()
        #expect(out.map { $0.string("description") } == ["A", "B", "C"])
        #expect(out.map { $0.objects("annotations")?.compactMap { $0.string("description") } } == [nil, ["premier avis", "second avis"], nil])
    }
}

/// Interchange with the real Taskwarrior 2.6 (Debian's `taskwarrior`, installed by
/// scripts/test).
@Suite struct TaskwarriorPeerTests {
    static let task = ["/usr/bin/task", "/usr/local/bin/task"].first { Sandbox.exists($0) }

    /// Runs `task ARGS` with its data in `folder`.
    func tw(_ s: Sandbox, _ folder: String, _ args: String..., stdin: String? = nil) throws -> RunResult {
        let rc = try s.writeFile("\(folder).rc", "data.location=\(s.path)/\(folder)\nconfirmation=off\nverbose=nothing\nhooks=off\njson.array=on\n")
        let r = try s.run(Self.task!, ["rc:" + rc] + args, stdin: stdin, env: ["TASKRC": rc])
        try #require(r.status == 0, "\(r)")
        return r
    }

    @Test(.enabled(if: task != nil, "Taskwarrior is not installed (scripts/test installs it)"))
    func roundTripThroughTaskwarriorKeepsEveryMappedField() throws {
        let s = try Sandbox()
        try tw(s, "tw1", "add", "Préparer la réunion", "project:PLU.Phase1", "+mairie", "+urgent", "due:2026-12-01T10:00:00", "priority:H")
        try tw(s, "tw1", "add", "Envoyer la convocation", "depends:1", "priority:L")
        try tw(s, "tw1", "add", "Moyenne", "priority:M", "scheduled:2026-12-03")
        try tw(s, "tw1", "add", "Sans priorité")
        try tw(s, "tw1", "1", "annotate", "voir le maire")
        try tw(s, "tw1", "4", "done")
        try tw(s, "tw1", "3", "start")
        let original = try tw(s, "tw1", "export").stdout

        let imported = try s.task("import", "--format", "taskwarrior", "-", stdin: original).records()
        #expect(imported.count == 4)
        let prep = try #require(imported.first { $0.string("title") == "Préparer la réunion" })
        #expect(prep.string("project") == "plu.phase1")
        #expect(prep.string("priority") == "high")
        #expect(prep.strings("tags") == ["mairie", "urgent"])
        let send = try #require(imported.first { $0.string("title") == "Envoyer la convocation" })
        #expect(send.strings("depends") == [prep.string("id")!])
        #expect(send.string("status") == "blocked")
        #expect(imported.first { $0.string("title") == "Moyenne" }?.string("status") == "doing")
        #expect(imported.first { $0.string("title") == "Sans priorité" }?.string("status") == "done")
        let comments = try s.task("show", prep.string("id")!, "--comments").records()
        #expect(comments.last?.string("body") == "voir le maire")
        let seq = try s.lastSeq()
        try s.task("import", "--format", "taskwarrior", "-", stdin: original)
        #expect(try s.lastSeq() == seq, "importing the same export twice changes nothing")

        let back = try s.task("export", "--format", "taskwarrior").stdout
        try tw(s, "tw2", "import", "-", stdin: back)
        let again = try tw(s, "tw2", "export").stdout
        let a = try tasksByUUID(original), b = try tasksByUUID(again)
        #expect(Set(a.keys) == Set(b.keys))
        for (uuid, x) in a {
            let y = try #require(b[uuid])
            for key in Set(x.keys).union(y.keys) where key != "id" && key != "urgency" {
                #expect(describe(x[key]) == describe(y[key]), "\(uuid) \(key)")
            }
        }
    }

    func tasksByUUID(_ text: String) throws -> [String: [String: Any]] {
        let list = try #require(try TestJSON.parse(text) as? [Any])
        var out: [String: [String: Any]] = [:]
        for case let t as [String: Any] in list { out[t["uuid"] as! String] = t }
        return out
    }

    func describe(_ v: Any?) -> String {
        guard let v else { return "nil" }
        if let d = v as? [String: Any] { return "{" + d.keys.sorted().map { "\($0):\(describe(d[$0]))" }.joined(separator: ",") + "}" }
        if let a = v as? [Any] { return "[" + a.map(describe).joined(separator: ",") + "]" }
        return "\(v)"
    }
}
