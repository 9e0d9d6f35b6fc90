import Testing
import _CollabTestSupport

/// The `field` of the records whose `key` is `value`.
func pick(_ records: [[String: Any]], _ key: String, _ value: String, field: String = "id") -> [String] {
    var out: [String] = []
    for r in records where r[key] as? String == value { out.append(r[field] as? String ?? "") }
    return out
}

/// `collab-admin retention set|show|remove|apply`.
@Suite struct AdminRetentionTests {
    /// The environment of a run at another time.
    static func at(_ time: String) -> [String: String] { ["COLLAB_NOW": time] }

    static let old = "2024-06-03T10:00:00Z"

    @Test func setShowAndRemove() throws {
        let s = try Sandbox()
        let r = try s.ok("retention", "set", "message", "1y", "--where", "channel=general").record()
        #expect(r.string("type") == "retention_rule")
        #expect(r.string("id") == "ret-1")
        #expect(r.string("record_type") == "message")
        #expect(r.strings("where") == ["channel=general"])
        #expect(r.string("duration") == "P1Y")
        #expect(r.string("age_from") == "ts")
        #expect(r.int("rev") == 1)
        try s.ok("retention", "set", "doc", "P2Y", "--where", "status=draft", "--where", "folder=/rh")
        try s.ok("retention", "set", "task", "3y", "--where", "status=done")
        let e = try s.ok("retention", "set", "event", "2y6mo").record()
        #expect(e.string("duration") == "P2Y6M")
        #expect(e.string("age_from") == "end")
        #expect(try s.ok("retention", "show", "-q").lines == ["ret-1", "ret-2", "ret-3", "ret-4"])
        #expect(try s.ok("retention", "show", "ret-2").record().strings("where") == ["folder=/rh", "status=draft"])
        #expect(try s.ok("retention", "show", "--type", "task", "-q").lines == ["ret-3"])
        let removed = try s.ok("retention", "remove", "ret-2").record()
        #expect(removed.string("id") == "ret-2")
        #expect(try s.changes().last?.string("op") == "delete")
        #expect(try s.ok("retention", "show", "-q").lines == ["ret-1", "ret-3", "ret-4"])
        try s.fails(1, "retention", "show", "ret-2")
        try s.fails(1, "retention", "remove", "ret-2")
        #expect(try s.ok("retention", "show", "-q", env: ["COLLAB_USER": "root"]).lines.count == 3)
    }

    @Test func settingTheSameRuleAgainIsIdempotentOrUpdatesItsPeriod() throws {
        let s = try Sandbox()
        try s.ok("retention", "set", "message", "1y", "--where", "channel=general")
        let seq = try s.lastSeq()
        let same = try s.ok("retention", "set", "message", "P1Y", "--where", "channel=general").record()
        #expect(same.int("rev") == 1)
        #expect(try s.lastSeq() == seq)
        let changed = try s.ok("retention", "set", "message", "6mo", "--where", "channel=general").record()
        #expect(changed.string("id") == "ret-1")
        #expect(changed.string("duration") == "P6M")
        #expect(changed.int("rev") == 2)
        #expect(try s.changes().last?.string("op") == "update")
        let other = try s.ok("retention", "set", "message", "6mo").record()
        #expect(other.string("id") == "ret-2", "another set of conditions is another rule")
    }

    @Test func badInputUsageAndRefusals() throws {
        let s = try Sandbox()
        try s.addUsers("alice")
        try s.fails(64, "retention", "set", "chat", "1y")
        try s.fails(64, "retention", "set", "message")
        let bad = try s.fails(65, "retention", "set", "message", "soon")
        #expect(bad.stderr.contains("soon"), "\(bad)")
        try s.fails(65, "retention", "set", "message", "0d")
        try s.fails(65, "retention", "set", "message", "1y", "--where", "topic=x")
        try s.fails(65, "retention", "set", "message", "1y", "--where", "channel")
        try s.fails(65, "retention", "set", "message", "1y", "--where", "channel=a", "--where", "channel=b")
        try s.fails(65, "retention", "set", "doc", "1y", "--where", "status=lost")
        try s.fails(65, "retention", "set", "doc", "1y", "--where", "folder=rh")
        try s.fails(64, "retention", "show", "--type", "chat")
        #expect(try s.ok("retention", "show").stdout.isEmpty)
        try s.fails(77, "retention", "set", "message", "1y", env: ["COLLAB_USER": "alice"])
        try s.ok("retention", "set", "message", "1y")
        try s.fails(77, "retention", "remove", "ret-1", env: ["COLLAB_USER": "alice"])
        try s.fails(77, "retention", "apply", env: ["COLLAB_USER": "alice"])
        #expect(try s.ok("retention", "show", "-q", env: ["COLLAB_USER": "alice"]).lines == ["ret-1"], "members may read the rules")
    }

    /// Old and recent messages, documents, tasks and events; one held folder.
    static func oldAndNew() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice")
        try s.msg(["channel", "add", "general"])
        try s.msg(["channel", "add", "annonces"])
        try s.post("general", "ancien", as: "alice", env: at(old))            // msg-1
        try s.post("general", "récent", as: "alice")                         // msg-2
        try s.post("annonces", "ancienne annonce", env: at(old))             // msg-3
        try s.docOK("folder", "add", "/pub", "--visibility", "public")
        try s.docOK("folder", "add", "/rh")
        for (name, env) in [("a.txt", at(old)), ("b.txt", [:]), ("c.txt", at(old))] {
            try s.writeFile(name, name)
            try s.docOK("add", name, "--folder", "/pub", env: env)           // doc-1 old, doc-2 new, doc-3 old
        }
        try s.docOK("archive", "doc-3", "--retain", "10y", env: at(old))
        try s.writeFile("d.txt", "d")
        try s.docOK("add", "d.txt", "--folder", "/rh", env: at(old))        // doc-4 old, held
        try s.ok("hold", "add", "/rh", "--why", "Contentieux 12")
        try s.task("add", "Fait", env: at("2024-01-10T10:00:00Z"))          // task-1 done long ago
        try s.task("done", "1", env: at("2024-02-01T10:00:00Z"))
        try s.task("add", "Jamais fait", env: at("2024-01-10T10:00:00Z"))   // task-2 open
        try s.cal("calendar", "add", "mairie")
        try s.cal("add", "Vieux conseil", "--calendar", "mairie", "--start", "2024-03-01T10:00:00Z", "--duration", "1h", env: at(old))
        try s.cal("add", "Conseil", "--calendar", "mairie", "--start", "2026-12-01T10:00:00Z", "--duration", "1h")
        return s
    }

    @Test func applyRemovesOnlyExpiredMatchingRecordsAndKeepsHeldAndArchivedOnes() throws {
        let s = try Self.oldAndNew()
        try s.ok("retention", "set", "message", "1y", "--where", "channel=general")
        try s.ok("retention", "set", "doc", "1y")
        try s.ok("retention", "set", "task", "1y", "--where", "status=done")
        try s.ok("retention", "set", "event", "1y")
        let out = try s.ok("retention", "apply").records()
        let expired = out.filter { $0.string("type") == "expired" }
        let removed = pick(expired, "action", "removed")
        #expect(removed == ["msg-1", "doc-1", "task-1", "evt-1"])
        let kept = expired.filter { $0.string("action") == "kept" }
        #expect(kept.map { $0.string("id") ?? "" } == ["doc-3", "doc-4"])
        let reason: String = kept[0].string("reason") ?? ""
        #expect(reason.contains("archived"), "\(kept[0])")
        #expect(kept[1].string("hold") == "hold-1")
        #expect(expired.first?.string("rule") == "ret-1")
        #expect(expired.first?.string("since") == Self.old)
        let summary = try #require(out.last)
        #expect(summary.string("type") == "retention_summary")
        #expect(summary.int("rules") == 4)
        #expect(summary.int("removed") == 4)
        #expect(summary.int("kept") == 2)
        #expect(summary.int("held") == 1)

        #expect(try s.msgIds(["list", "general"]) == ["msg-2"])
        #expect(try s.msgIds(["list", "annonces"]) == ["msg-3"])
        try s.docFails(1, "show", "doc-1")
        for doc in ["doc-2", "doc-3", "doc-4"] { try s.docOK("show", doc) }
        try s.taskFails(1, "show", "1")
        try s.task("show", "2")
        try s.calFails(1, "show", "evt-1")
        try s.cal("show", "evt-2")
        let deletes = pick(try s.changes(), "op", "delete", field: "record_id")
        #expect(deletes.contains("msg-1") && deletes.contains("doc-1") && deletes.contains("task-1") && deletes.contains("evt-1"))
        #expect(try s.verify().status == 0)

        // Run again: nothing left to remove, the kept ones are reported again.
        let again = try s.ok("retention", "apply").records()
        #expect(again.last?.int("removed") == 0)
        #expect(again.last?.int("kept") == 2)
        // Lifting the hold lets the held draft go.
        try s.ok("hold", "remove", "hold-1")
        let third = try s.ok("retention", "apply").records()
        #expect(pick(third, "action", "removed") == ["doc-4"])
    }

    @Test func documentsGoWithTheirCircuitsOnceTheirRetentionHasPassed() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        try s.docOK("folder", "add", "/actes", "--visibility", "public")
        for name in ["a.txt", "b.txt", "c.txt"] {
            try s.writeFile(name, name)
            try s.docOK("add", name, "--folder", "/actes", env: Self.at("2024-01-10T10:00:00Z"))
        }
        // doc-1: approved, then archived for 1 year (until 2025-01-20): past.
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", env: Self.at("2024-01-11T10:00:00Z"))
        try s.docOK("approve", "doc-1", as: "bob", env: Self.at("2024-01-12T10:00:00Z"))
        try s.docOK("archive", "doc-1", "--retain", "1y", env: Self.at("2024-01-20T10:00:00Z"))
        // doc-2: archived for 10 years: kept.
        try s.docOK("archive", "doc-2", "--retain", "10y", env: Self.at("2024-01-20T10:00:00Z"))
        // doc-3: a draft again after a rejected circuit.
        try s.docOK("circuit", "start", "doc-3", "--step", "visa:bob", env: Self.at("2024-01-11T10:00:00Z"))
        try s.docOK("reject", "doc-3", "--comment", "non", as: "bob", env: Self.at("2024-01-12T10:00:00Z"))
        try s.ok("retention", "set", "doc", "1y")
        let out = try s.ok("retention", "apply").records()
        #expect(pick(out, "action", "removed") == ["doc-1", "doc-3"])
        #expect(pick(out, "action", "kept") == ["doc-2"])
        try s.docFails(1, "show", "doc-1")
        try s.docFails(1, "show", "doc-3")
        try s.docOK("show", "doc-2")
        let deleted = pick(try s.changes(), "op", "delete", field: "record_type")
        #expect(deleted.filter { $0 == "circuit" }.count == 2)
        #expect(deleted.filter { $0 == "decision" }.count == 2)
        #expect(deleted.filter { $0 == "doc" }.count == 2)
        #expect(try s.verify().status == 0)
    }

    @Test func aHeldChannelKeepsItsExpiredMessages() throws {
        let s = try Self.oldAndNew()
        try s.ok("hold", "add", "annonces", "--why", "Enquête")
        try s.ok("retention", "set", "message", "1y")
        let out = try s.ok("retention", "apply").records()
        #expect(pick(out, "action", "removed") == ["msg-1"])
        #expect(pick(out, "action", "kept") == ["msg-3"])
        #expect(pick(out, "action", "kept", field: "hold") == ["hold-2"])
        #expect(try s.msgIds(["list", "annonces"]) == ["msg-3"])
    }

    @Test func theTextOfWhatGoesIsRedactedInThePastChangeEntries() throws {
        let s = try Self.oldAndNew()
        try s.ok("retention", "set", "message", "1y", "--where", "channel=general")
        try s.ok("retention", "apply")
        let entries = try s.ok("audit", "list", "--record", "msg-1").records()
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { ($0.object("record")?.string("body") ?? "[expired]") == "[expired]" }, "\(entries)")
        let bytes = Sandbox.read(s.dbPath) + Sandbox.read(s.dbPath + "-wal")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("ancien\""), "the old body is gone from the file")
        let verify = try s.verify()
        #expect(verify.status == 0)
        #expect((verify.record["redacted"] as? [Any])?.isEmpty == false)
        // What was kept is untouched.
        let kept = try s.ok("audit", "list", "--record", "msg-2").records()
        #expect(kept.first?.object("record")?.string("body") == "récent")
    }

    @Test func aDryRunListsWhatWouldGoAndWritesNothing() throws {
        let s = try Self.oldAndNew()
        try s.ok("retention", "set", "message", "1y")
        let seq = try s.lastSeq()
        let r = try s.ok("retention", "apply", "--dry-run").records()
        #expect(r.allSatisfy { $0.string("type") == "change" && $0.string("op") == "delete" })
        #expect(r.map { $0.string("record_id") ?? "" } == ["msg-1", "msg-3"])
        #expect(try s.lastSeq() == seq)
        #expect(try s.msgIds(["list", "general"]) == ["msg-1", "msg-2"])
    }

    @Test func applyWithoutRulesRemovesNothing() throws {
        let s = try Sandbox()
        let r = try s.ok("retention", "apply").record()
        #expect(r.string("type") == "retention_summary")
        #expect(r.int("rules") == 0)
        #expect(r.int("removed") == 0)
    }
}
