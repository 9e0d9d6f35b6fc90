import CollabCore
import Testing
import _CollabTestSupport

/// The redaction primitive and GDPR erasure through their core calls.
@Suite struct GDPRTests {
    let alice = Actor(id: "alice", role: .member)
    let bob = Actor(id: "bob", role: .member)

    @Test(arguments: [
        ("Hello Alice Martin!", "Hello [erased]!"),
        ("alice martin and ALICE MARTIN", "[erased] and [erased]"),
        ("Alice Martinez stays", "Alice Martinez stays"),
        ("write to alice.martin@example.org.", "write to [erased]."),
        ("no mention here", "no mention here"),
        ("xAlice Martin", "xAlice Martin"),
        ("Éric Alice Martin é", "Éric [erased] é"),
    ])
    func scrubReplacesWholeWordsOnly(input: String, expected: String) {
        #expect(Redaction.scrub(input, ["Alice Martin", "alice.martin@example.org"]) == expected)
    }

    @Test func scrubWalksJSON() {
        let o = JSONObject([
            ("title", .string("Meet Alice Martin")), ("n", .int(3)),
            ("list", .array([.string("alice.martin@example.org"), .object(JSONObject([("x", .string("Alice Martin"))]))])),
        ])
        let s = Redaction.scrub(o, ["Alice Martin", "alice.martin@example.org"])
        #expect(JSONWriter.compact(s) == #"{"title":"Meet [erased]","n":3,"list":["[erased]",{"x":"[erased]"}]}"#)
    }

    @Test func likePatternEscapes() {
        #expect(Redaction.likePattern("a_b%c\\d") == #"%a\_b\%c\\d%"#)
    }

    /// alice (Alice Martin) posts; bob mentions her by name; a task names her by email.
    private func store() throws -> TestStore {
        let ts = try TestStore()
        try ts.write { tx in
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "alice", name: "Alice Martin", email: "alice.martin@example.org"))
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "bob", name: "Bob Durand"))
            _ = try Messaging.addChannel(tx, ts.admin, ChannelSpec(id: "general"))
        }
        _ = try ts.write(as: "alice") { tx in try Messaging.post(tx, alice, channel: "general", body: "my phone is 0612345678") }
        _ = try ts.write(as: "bob") { tx in try Messaging.post(tx, bob, channel: "general", body: "thanks Alice Martin, see you") }
        return ts
    }

    @Test func redactKeepsTheChainVerifiable() throws {
        let ts = try store()
        let seqs = try ts.write { tx in
            try Redaction.redact(tx, where: "rtype = 'message'", [], info: JSONObject([("by", .string("root"))])) { r, _, _ in
                var r = r
                r["body"] = .string("gone")
                return r
            }
        }
        #expect(seqs.count == 2)
        let report = try ts.read { try AuditLog.verify($0) }
        #expect(report.ok, "\(report.problems)")
        #expect(report.redacted.map(\.seq) == seqs)
        #expect(report.redacted.first?.info["by"] == .string("root"))
        // A transform that changes nothing marks nothing.
        let none = try ts.write { tx in
            try Redaction.redact(tx, where: "rtype = 'group'", [], info: JSONObject()) { r, _, _ in r }
        }
        #expect(none.isEmpty)
    }

    @Test func eraseAnonymisesEverywhere() throws {
        let ts = try store()
        let e = try ts.write { tx in try GDPR.erase(tx, ts.admin, "alice") }
        #expect(!e.already)
        #expect(e.record["user"] == .string("alice"))
        let u = try #require(try ts.read { try Directory.user($0, "alice") })
        #expect(u.name == Redaction.marker && u.email == nil && u.status == .disabled)
        let bodies = try ts.read { sql in try sql.all("SELECT body FROM messages ORDER BY num") { $0.string(0) } }
        #expect(bodies == ["[erased]", "thanks [erased], see you"])
        let report = try ts.read { try AuditLog.verify($0) }
        #expect(report.ok, "\(report.problems)")
        #expect(!report.redacted.isEmpty)
        let chain = try ts.read { sql in try sql.all("SELECT record FROM changes") { $0.string(0) } }
        #expect(!chain.contains { $0.contains("Alice Martin") || $0.contains("alice.martin@") || $0.contains("0612345678") })
        // Again: nothing more happens.
        let again = try ts.write { tx in try GDPR.erase(tx, ts.admin, "alice") }
        #expect(again.already)
        #expect(again.record["id"] == e.record["id"])
    }

    /// Debian's SQLite zeroes freed space by default; the erasure does not rely on it.
    @Test(.enabled(if: TestDatabases.onSQLite)) func eraseTurnsSecureDeleteOn() throws {
        let ts = try store()
        try ts.write { tx in try tx.sql.execute("PRAGMA secure_delete = OFF") }
        #expect(try ts.read { try $0.int("PRAGMA secure_delete") } == 0)
        _ = try ts.write { tx in try GDPR.erase(tx, ts.admin, "alice") }
        #expect(try ts.read { try $0.int("PRAGMA secure_delete") } == 1)
    }

    @Test func eraseIsForAdminsAndKeepsTheLastAdmin() throws {
        let ts = try store()
        #expect(throws: CollabError.self) { try ts.write(as: "bob") { tx in try GDPR.erase(tx, bob, "alice") } }
        let refused = try? ts.write { tx in try GDPR.erase(tx, ts.admin, "root") }
        #expect(refused == nil)
        #expect(try ts.read { try Directory.user($0, "root") }?.name == "Root")
    }

    /// Tables added later are scrubbed without being named: with a rowid (rev bumped) or
    /// without one (found by primary key).
    @Test func scrubTablesCoversTablesAddedLater() throws {
        let ts = try TestStore()
        let counts = try ts.write { tx -> [String: Int] in
            try tx.sql.script("""
                CREATE TABLE later (id TEXT PRIMARY KEY, note TEXT, rev INTEGER NOT NULL, updated TEXT NOT NULL);
                CREATE TABLE keyed (a TEXT, b INTEGER, note TEXT, PRIMARY KEY (a, b))\(tx.sql.dialect == .sqlite ? " WITHOUT ROWID" : "");
                INSERT INTO later VALUES ('x', 'call Alice Martin', 1, 'then'), ('y', 'call Bob', 1, 'then');
                INSERT INTO keyed VALUES ('k', 1, 'mail alice@x.example'), ('k', 2, 'nothing');
                """)
            let done = try Redaction.scrubTables(tx, ["Alice Martin", "alice@x.example"])
            return Dictionary(uniqueKeysWithValues: done.map { ($0.table, $0.rows) })
        }
        #expect(counts == ["later": 1, "keyed": 1])
        let later = try ts.read { sql in try sql.all("SELECT note, rev FROM later ORDER BY id") { "\($0.string(0))/\($0.int(1))" } }
        #expect(later == ["call [erased]/2", "call Bob/1"])
        let keyed = try ts.read { sql in try sql.all("SELECT note FROM keyed ORDER BY b") { $0.string(0) } }
        #expect(keyed == ["mail [erased]", "nothing"])
    }

    @Test func retentionIsArchivedWithAFutureEnd() throws {
        let ts = try TestStore()
        try ts.write { tx in
            try tx.sql.execute("INSERT INTO folders (id, title, visibility, owner, rev, created, updated) VALUES ('/f', 'F', 'public', 'root', 1, 'x', 'x')")
            for (id, n, status, until) in [("doc-1", 1, "archived", "2030-01-01T00:00:00Z"), ("doc-2", 2, "archived", "2020-01-01T00:00:00Z"), ("doc-3", 3, "draft", "2030-01-01T00:00:00Z")] {
                try tx.sql.execute(
                    """
                    INSERT INTO documents (id, num, title, folder, owner, version, size, sha256, media_type, status, retain_until, rev, created, updated)
                    VALUES (?, ?, 't', '/f', 'root', 1, 0, 'x', 'text/plain', ?, ?, 1, 'x', 'x')
                    """, [.text(id), .int(Int64(n)), .text(status), .text(until)])
            }
        }
        let kept = try ts.read { sql in try ["doc-1", "doc-2", "doc-3", "doc-4"].map { try GDPR.isRetained(sql, $0, ts.now) } }
        #expect(kept == [true, false, false, false])
    }
}
