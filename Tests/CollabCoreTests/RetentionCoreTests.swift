import CollabCore
import Testing
import _CollabTestSupport

@Suite struct RetentionCoreTests {
    @Test(arguments: [
        ("1y", "P1Y"), ("P1Y", "P1Y"), ("6mo", "P6M"), ("P6M", "P6M"), ("2y6mo", "P2Y6M"), ("P1Y6M", "P1Y6M"),
        ("90d", "P90D"), ("P2W", "P14D"), ("36h", "PT36H"), ("PT36H", "PT36H"), ("P1Y2D", "P1Y2D"), (" 10Y ", "P10Y"),
    ])
    func periods(_ text: String, _ iso: String) throws {
        #expect(try RetentionPeriod.parse(text).iso == iso)
    }

    @Test(arguments: ["", "y", "soon", "1x", "-1y", "0d", "P", "1y1y", "6mo1y", "P0Y"])
    func badPeriods(_ text: String) {
        #expect(throws: CollabError.self) { try RetentionPeriod.parse(text) }
    }

    @Test func cutoffsCountCalendarMonthsInUTC() throws {
        let now = try #require(RFC3339.parse("2026-03-31T10:00:00Z"))
        #expect(RFC3339.format(try RetentionPeriod.parse("1mo").cutoff(before: now)) == "2026-02-28T10:00:00Z")
        #expect(RFC3339.format(try RetentionPeriod.parse("1y").cutoff(before: now)) == "2025-03-31T10:00:00Z")
        #expect(RFC3339.format(try RetentionPeriod.parse("2y1mo").cutoff(before: now)) == "2024-02-29T10:00:00Z")
        #expect(RFC3339.format(try RetentionPeriod.parse("3mo").cutoff(before: now)) == "2025-12-31T10:00:00Z")
        #expect(RFC3339.format(try RetentionPeriod.parse("1y2d").cutoff(before: now)) == "2025-03-29T10:00:00Z")
        #expect(RFC3339.format(try RetentionPeriod.parse("36h").cutoff(before: now)) == "2026-03-29T22:00:00Z")
    }

    @Test func conditionsAreCheckedAndSorted() throws {
        let c = try Retention.conditions(["status=draft", "folder=/rh/paie"], for: .doc)
        #expect(c.map(\.field) == ["folder", "status"])
        #expect(throws: CollabError.self) { try Retention.conditions(["channel=general"], for: .doc) }
        #expect(throws: CollabError.self) { try Retention.conditions(["status=finished"], for: .task) }
        #expect(throws: CollabError.self) { try Retention.conditions(["=x"], for: .task) }
    }

    /// A store with folders /a, /a/b, a document in /a/b, and channels c1, c2 with one
    /// message each; rows written directly (the hold logic is what is tested).
    static func store() throws -> TestStore {
        let t = try TestStore()
        try t.write { tx in
            for f in ["/a", "/a/b", "/z"] {
                try tx.sql.execute(
                    "INSERT INTO folders (id, title, visibility, owner, rev, created, updated) VALUES (?, ?, 'public', 'root', 1, 'x', 'x')",
                    [.text(f), .text(f)])
            }
            try tx.sql.execute(
                """
                INSERT INTO documents (id, num, title, folder, owner, version, size, sha256, media_type, status, rev, created, updated)
                VALUES ('doc-1', 1, 'd', '/a/b', 'root', 1, 0, '', 'text/plain', 'draft', 1, 'x', 'x')
                """)
            for (n, c) in [(1, "c1"), (2, "c2")] {
                try tx.sql.execute(
                    "INSERT INTO channels (id, title, visibility, rev, created, updated) VALUES (?, ?, 'public', 1, 'x', 'x')", [.text(c), .text(c)])
                try tx.sql.execute(
                    "INSERT INTO messages (num, channel, author, ts, body, rev, updated) VALUES (?, ?, 'root', 'x', 'b', 1, 'x')",
                    [.int(Int64(n)), .text(c)])
            }
        }
        return t
    }

    @Test func aHoldCoversWhatIsUnderIt() throws {
        let t = try Self.store()
        func held(_ type: String, _ id: String) throws -> Bool { try t.read { try Holds.isHeld($0, type: type, id: id) } }
        #expect(try !held("doc", "doc-1"))
        let h = try t.write { tx in try Holds.add(tx, t.admin, target: "/a", why: "case", key: nil).0 }
        #expect(h.id == "hold-1")
        #expect(try held("doc", "doc-1"), "a hold on an ancestor folder")
        #expect(try held("folder", "/a/b"))
        #expect(try !held("folder", "/z"))
        #expect(try !held("message", "msg-1"))
        _ = try t.write { tx in try Holds.add(tx, t.admin, target: "c1", why: "case", key: nil) }
        #expect(try held("message", "msg-1"))
        #expect(try held("channel", "c1"))
        #expect(try !held("message", "msg-2"))
        #expect(try !held("task", "task-1"), "tasks are never held")
        _ = try t.write { tx in try Holds.lift(tx, t.admin, "hold-1", why: nil) }
        #expect(try !held("doc", "doc-1"))
        let error = try t.read { sql -> CollabError? in
            do { try Holds.check(sql, type: "message", id: "msg-1") } catch let e as CollabError { return e }
            return nil
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains("hold-2") == true)
    }

    @Test func onlyAnAdminPlacesAHold() throws {
        let t = try Self.store()
        #expect(throws: CollabError.denied("alice may not place a legal hold: only an admin may")) {
            try t.write { tx in try Holds.add(tx, Actor(id: "alice", role: .member), target: "/a", why: "x", key: nil) }
        }
    }
}
