import Foundation
import Testing
import _CollabTestSupport

/// Runs on both stores; the damage done behind collab's back is written per store (on
/// PostgreSQL the task index is an index of `tasks` and cannot drift, and the message
/// index is a plain table).
@Suite struct AdminDoctorTests {
    static let checkIds = TestDatabases.onPostgres
        ? ["integrity", "audit", "schema", "index:messages_fts", "index:doc_text", "orphans"]
        : ["integrity", "audit", "schema", "index:tasks_fts", "index:messages_fts", "index:doc_text", "orphans"]
    /// Every hash of the chain, in order, as one text.
    static let allHashes = TestDatabases.onPostgres
        ? "SELECT count(*), max(seq), string_agg(hash, ',' ORDER BY seq) FROM changes;"
        : "SELECT count(*), max(seq), group_concat(hash) FROM changes;"

    /// The check records of `collab-admin doctor ARGS`, by id, and the run.
    func doctor(_ s: Sandbox, _ extra: String..., expect code: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (checks: [String: [String: Any]], repairs: [[String: Any]], run: RunResult)
    {
        let r = try s.run("collab-admin", ["doctor"] + extra)
        #expect(r.status == code, "\(r)", sourceLocation: sourceLocation)
        var checks: [String: [String: Any]] = [:]
        var repairs: [[String: Any]] = []
        for rec in try r.records() {
            if rec.string("type") == "check" { checks[rec.string("id") ?? ""] = rec }
            if rec.string("type") == "repair" { repairs.append(rec) }
        }
        return (checks, repairs, r)
    }

    @Test func aCleanStoreIsHealthy() throws {
        let s = try Sandbox.opsStore()
        let d = try doctor(s, expect: 0)
        #expect(try d.run.records().compactMap { $0.string("id") } == Self.checkIds)
        for id in Self.checkIds { #expect(d.checks[id]?.bool("ok") == true, "\(id): \(d.checks[id] ?? [:])") }
        // Without anything to repair, --repair changes nothing.
        let head = try s.lastSeq()
        let again = try doctor(s, "--repair", expect: 0)
        #expect(again.repairs.isEmpty)
        #expect(try s.lastSeq() == head)
    }

    @Test(.enabled(if: TestDatabases.onSQLite)) func aTaskIndexMissingARowIsFoundAndRebuilt() throws {
        let s = try Sandbox.opsStore()
        try s.sqlite("DELETE FROM tasks_fts_docsize WHERE id = 2;")
        let broken = try doctor(s, expect: 65)
        let check = try #require(broken.checks["index:tasks_fts"])
        #expect(check.bool("ok") == false)
        #expect(check.strings("problems") == ["1 row missing from the index"])
        #expect(broken.checks["integrity"]?.bool("ok") == true)
        #expect(broken.run.stderr.contains("index:tasks_fts"), "\(broken.run)")
        let head = try s.lastSeq()
        let fixed = try doctor(s, "--repair", expect: 0)
        #expect(fixed.repairs.map { $0.string("id") } == ["index:tasks_fts"])
        #expect(fixed.checks["index:tasks_fts"]?.bool("ok") == true)
        // The repair is one recorded change; the chain still verifies.
        let changes = try s.changes("--since", "\(head)")
        #expect(changes.map { $0.string("record_type") } == ["repair"])
        #expect(try s.verify().status == 0)
        try doctor(s, expect: 0)
        let found = try s.task("list", "--query", "badges", "-q").lines
        #expect(found == ["task-3"])
    }

    @Test func aDamagedMessageIndexIsFoundAndRebuilt() throws {
        let s = try Sandbox.opsStore()
        // Removing the index's segments breaks its structure (on PostgreSQL: its rows).
        try s.sqlite(TestDatabases.onPostgres ? "DELETE FROM messages_fts;" : "DELETE FROM messages_fts_data WHERE id > 10;")
        let broken = try doctor(s, expect: 65)
        #expect(broken.checks["index:messages_fts"]?.bool("ok") == false)
        let fixed = try doctor(s, "--repair", expect: 0)
        #expect(fixed.repairs.map { $0.string("id") } == ["index:messages_fts"])
        let hits = try s.msgIds(["search", "conseil"])
        #expect(hits.count == 1)
    }

    @Test func aStaleMessageIndexRowIsFound() throws {
        let s = try Sandbox.opsStore()
        try s.sqlite(
            TestDatabases.onPostgres
                ? "INSERT INTO messages_fts (rowid, body) VALUES (999, 'fantôme');"
                : "PRAGMA foreign_keys = OFF; DELETE FROM messages WHERE num = 1;")
        let broken = try doctor(s, expect: 65)
        #expect(broken.checks["index:messages_fts"]?.strings("problems") == ["1 indexed row no longer in the table"])
        try doctor(s, "--repair", expect: 0)
    }

    @Test func theDocumentIndexIsCheckedAgainstDocuments() throws {
        let s = try Sandbox.opsStore()
        try s.sqlite("DELETE FROM doc_text;")
        let broken = try doctor(s, expect: 65)
        #expect(broken.checks["index:doc_text"]?.strings("problems") == ["1 row missing from the index"])
        #expect(try s.docOK("search", "urbanisme", "-q").lines.isEmpty)
        let fixed = try doctor(s, "--repair", expect: 0)
        #expect(fixed.repairs.map { $0.string("id") } == ["index:doc_text"])
        let hits = try s.docOK("search", "urbanisme", "-q").lines
        #expect(hits == ["doc-1"])
    }

    @Test func orphanContentIsFoundAndRemoved() throws {
        let s = try Sandbox.opsStore()
        try s.sqlite("INSERT INTO blobs (id, sha256, size, chunks) VALUES (900, 'deadbeef', 3, 1); INSERT INTO chunks (blob, n, bytes) VALUES (900, 0, \(TestDatabases.onPostgres ? "'\\x616263'" : "x'616263'"));")
        let broken = try doctor(s, expect: 65)
        let check = try #require(broken.checks["orphans"])
        #expect(check.bool("ok") == false)
        #expect(check.string("detail")?.contains("3 bytes") == true)
        let fixed = try doctor(s, "--repair", expect: 0)
        #expect(fixed.repairs.map { $0.string("id") } == ["orphans"])
        #expect(try s.sqlite("SELECT count(*) FROM blobs WHERE id = 900; SELECT count(*) FROM chunks WHERE blob = 900;") == "0\n0\n")
        // The document's own content is kept.
        #expect(try s.docOK("get", "doc-1").stdout == "le plan local d'urbanisme révisé")
    }

    @Test func aTamperedChainIsReportedAndNotRepaired() throws {
        let s = try Sandbox.opsStore()
        try s.sqlite("UPDATE changes SET record = replace(record, 'alice', 'mallory') WHERE seq = 2;")
        let before = try s.sqlite(Self.allHashes)
        let broken = try doctor(s, expect: 65)
        let audit = try #require(broken.checks["audit"])
        #expect(audit.bool("ok") == false)
        #expect(audit.strings("problems")?.first?.hasPrefix("seq 2:") == true)
        let again = try doctor(s, "--repair", expect: 65)
        #expect(again.repairs.isEmpty)
        #expect(again.checks["audit"]?.bool("ok") == false)
        #expect(try s.sqlite(Self.allHashes) == before)
    }

    @Test func dryRunRepairWritesNothing() throws {
        let s = try Sandbox.opsStore()
        try s.sqlite(TestDatabases.onPostgres ? "DELETE FROM doc_text;" : "DELETE FROM tasks_fts_docsize;")
        let head = try s.lastSeq()
        let r = try s.run("collab-admin", ["doctor", "--repair", "--dry-run"])
        let recs = try r.records()
        #expect(recs.map { $0.string("type") } == ["change"], "\(r)")
        #expect(recs.first?.string("record_type") == "repair")
        #expect(try s.lastSeq() == head)
        try doctor(s, expect: 65)
    }

    @Test func doctorIsForAdminsOnly() throws {
        let s = try Sandbox.opsStore()
        let r = try s.fails(77, "doctor", env: ["COLLAB_USER": "alice"])
        #expect(r.stdout.isEmpty)
    }
}
