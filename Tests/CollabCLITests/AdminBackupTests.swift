import Foundation
import Testing
import _CollabTestSupport

// Short forms for the backup, restore and doctor suites.

extension Sandbox {
    /// A store with two users, a channel with two messages, three tasks and a document.
    static func opsStore(sourceLocation: SourceLocation = #_sourceLocation) throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob", sourceLocation: sourceLocation)
        try s.msg(["channel", "add", "general", "--title", "Général"], sourceLocation: sourceLocation)
        try s.post("general", "bonjour à tous", sourceLocation: sourceLocation)
        try s.post("general", "réunion du conseil mardi", sourceLocation: sourceLocation)
        for t in ["préparer le budget", "relire le PLU", "commander les badges"] {
            try s.task("add", t, sourceLocation: sourceLocation)
        }
        try s.docOK("folder", "add", "/urbanisme", sourceLocation: sourceLocation)
        _ = try s.addDoc("note.txt", "le plan local d'urbanisme révisé", folder: "/urbanisme", sourceLocation: sourceLocation)
        return s
    }

    /// The change records of the store at `db` (as root), seq → hash.
    func chainHashes(db: String? = nil) throws -> [Int: String] {
        var env = ["COLLAB_USER": "root"]
        if let db { env["COLLAB_DB"] = db }
        let r = try run("collab-admin", ["audit", "list"], env: env)
        try #require(r.status == 0, "\(r)")
        var out: [Int: String] = [:]
        for c in try r.records() { out[c.int("seq") ?? 0] = c.string("hash") }
        return out
    }

    /// What a person sees of the store at `db`: users, tasks, messages and documents.
    func visibleData(db: String? = nil) throws -> [String] {
        var env = ["COLLAB_USER": "root"]
        if let db { env["COLLAB_DB"] = db }
        var out: [String] = []
        for (program, args) in [
            ("collab-admin", ["user", "list"]), ("collab-task", ["list", "--status", "all"]), ("collab-msg", ["list", "general"]),
            ("collab-doc", ["list"]),
        ] {
            let r = try run(program, args + ["--format", "ndjson"], env: env)
            try #require(r.status == 0, "\(r)")
            out += r.lines
        }
        return out
    }

    /// `PRAGMA integrity_check` of a file, by the sqlite3 tool.
    func integrity(_ path: String) throws -> String {
        try sqlite("PRAGMA integrity_check;", database: path).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// SQLite only: backup and restore copy the store's file (on PostgreSQL they exit 78, see
/// SharedStoreTests).
@Suite(.enabled(if: TestDatabases.onSQLite)) struct AdminBackupTests {
    @Test func backupWritesAVerifiableCopyAndItsRecord() throws {
        let s = try Sandbox.opsStore()
        let head = try s.lastSeq()
        let r = try s.ok("backup", "b.db")
        let rec = try r.record()
        #expect(rec.string("type") == "backup")
        #expect(rec.string("file") == s.path + "/b.db")
        #expect(rec.int("seq") == head)
        #expect(rec.bool("compressed") == false)
        #expect(rec.int("size") == Sandbox.size(of: s.path + "/b.db"))
        let sha = try s.run("sha256sum", [s.path + "/b.db"]).stdout.split(separator: " ").first.map(String.init)
        #expect(rec.string("sha256") == sha)
        #expect(Sandbox.mode(of: s.path + "/b.db") == 0o600)
        #expect(try s.integrity(s.path + "/b.db") == "ok")
        // No temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: s.path).filter { $0.hasPrefix(".b.db") }
        #expect(left.isEmpty, "\(left)")
        // The copy is a whole store: it verifies and shows the same data.
        let verify = try s.run("collab-admin", ["audit", "verify"], env: ["COLLAB_DB": s.path + "/b.db"])
        #expect(verify.status == 0, "\(verify)")
        #expect(try s.visibleData(db: s.path + "/b.db") == s.visibleData())
    }

    @Test func backupTakenWhileFourProcessesWriteHoldsEveryEarlierChange() throws {
        let s = try Sandbox.opsStore()
        var writers: [BackgroundProcess] = []
        for k in 1...4 {
            let script = k % 2 == 0
                ? "for i in $(seq 1 150); do collab-task add \"w\(k) tâche $i\" >/dev/null || exit 1; done"
                : "for i in $(seq 1 150); do collab-msg post general \"w\(k) message $i\" >/dev/null || exit 1; done"
            writers.append(try s.start("/bin/sh", ["-c", script], env: ["COLLAB_BUSY_TIMEOUT": "60s"]))
        }
        let before = try s.lastSeq()
        // Let the writers get going before the backup starts.
        _ = try eventually(timeout: 30) { try s.lastSeq() > before + 20 }
        let committed = try s.chainHashes()
        let started = committed.keys.max() ?? 0
        let r = try s.run("collab-admin", ["backup", "during.db"], env: ["COLLAB_BUSY_TIMEOUT": "60s"])
        #expect(r.status == 0, "\(r)")
        let stillWriting = writers.contains { $0.isRunning }
        for (k, w) in writers.enumerated() {
            let end = try #require(w.wait(timeout: 300), "writer \(k + 1) still running")
            #expect(end.status == 0, "writer \(k + 1): \(end)")
        }
        let copy = s.path + "/during.db"
        #expect(try s.integrity(copy) == "ok")
        let verify = try s.run("collab-admin", ["audit", "verify"], env: ["COLLAB_DB": copy])
        #expect(verify.status == 0, "\(verify)")
        let inCopy = try s.chainHashes(db: copy)
        let seq = try #require(try r.record().int("seq"))
        #expect(seq >= started)
        #expect(inCopy.count == seq)
        // Every change committed before the backup began is in the copy, unchanged.
        for (n, hash) in committed { #expect(inCopy[n] == hash, "seq \(n)") }
        // And the copy agrees with the live chain on everything it holds.
        let live = try s.chainHashes()
        for (n, hash) in inCopy { #expect(live[n] == hash, "seq \(n)") }
        #expect(live.count > seq || !stillWriting)
        #expect(try s.userIds().count == 3)
    }

    @Test func backupWhileAReaderKeepsTheWALUsesTheOnlineBackup() throws {
        let s = try Sandbox.opsStore()
        // A reader holding an old snapshot stops the WAL from being folded into the file, so
        // the backup cannot copy the file as it is and goes through SQLite's online backup.
        let reader = try s.start("/bin/sh", ["-c", "(echo 'BEGIN; SELECT count(*) FROM users;'; sleep 6) | sqlite3 \(s.dbPath)"])
        usleep(300_000)
        try s.task("add", "écrite après le début de la lecture")
        #expect((Sandbox.size(of: s.dbPath + "-wal") ?? 0) > 0)
        let data = try s.visibleData()
        let rec = try s.ok("backup", "b.db").record()
        #expect(rec.int("seq") == (try s.lastSeq()))
        let copy = s.path + "/b.db"
        #expect(try s.integrity(copy) == "ok")
        #expect(try s.visibleData(db: copy) == data)
        let sha = try s.run("sha256sum", [copy]).stdout.split(separator: " ").first.map(String.init)
        #expect(rec.string("sha256") == sha)
        _ = reader.wait(timeout: 30)
    }

    @Test func compressedRoundTripGivesBackTheData() throws {
        let s = try Sandbox.opsStore()
        let data = try s.visibleData()
        let chain = try s.chainHashes()
        let rec = try s.ok("backup", "b.db.gz", "--compress").record()
        #expect(rec.bool("compressed") == true)
        #expect(Array(Sandbox.read(s.path + "/b.db.gz").prefix(2)) == [0x1f, 0x8b])
        try s.task("add", "après la sauvegarde")
        try s.addUsers("carol")
        #expect(try s.visibleData() != data)
        // The store moved on: replacing it needs --force.
        let refused = try s.fails(73, "restore", "b.db.gz")
        #expect(refused.stderr.contains("newer than the backup"), "\(refused)")
        let restored = try s.ok("restore", "b.db.gz", "--force").record()
        #expect(restored.string("type") == "restore")
        #expect(restored.bool("compressed") == true)
        #expect(restored.int("backup_seq") == chain.count)
        #expect(restored.int("replaced_seq") == chain.count + 2)
        #expect(restored.int("discarded") == 2)
        #expect(try s.visibleData() == data)
        // The chain is the backup's, plus one change recording the restore.
        let after = try s.chainHashes()
        #expect(after.count == chain.count + 1)
        for (n, hash) in chain { #expect(after[n] == hash) }
        let last = try #require(try s.changes().last)
        #expect(last.string("record_type") == "restore")
        #expect(last.string("record_id") == "restore-\(chain.count + 1)")
        #expect(try s.verify().status == 0)
        #expect(try s.integrity(s.dbPath) == "ok")
    }

    @Test func restoreWhileOthersWriteLosesNoTrackOfThem() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db")
        let backupSeq = try s.lastSeq()
        var writers: [BackgroundProcess] = []
        for k in 1...2 {
            let script = "for i in $(seq 1 60); do collab-task add \"w\(k) $i\" >/dev/null || exit 1; done"
            writers.append(try s.start("/bin/sh", ["-c", script], env: ["COLLAB_BUSY_TIMEOUT": "60s"]))
        }
        _ = try eventually(timeout: 30) { try s.lastSeq() > backupSeq + 5 }
        let r = try s.run("collab-admin", ["restore", "b.db", "--force"], env: ["COLLAB_BUSY_TIMEOUT": "60s"])
        #expect(r.status == 0, "\(r)")
        for (k, w) in writers.enumerated() {
            let end = try #require(w.wait(timeout: 300), "writer \(k + 1) still running")
            #expect(end.status == 0, "writer \(k + 1): \(end)")
        }
        let rec = try r.record()
        let replaced = try #require(rec.int("replaced_seq"))
        #expect(replaced > backupSeq)
        #expect(rec.int("discarded") == replaced - backupSeq)
        // The chain is whole: the backup's, the restore, then what the writers added after.
        #expect(try s.verify().status == 0)
        let restore = try s.changes("--type", "restore")
        #expect(restore.map { $0.int("seq") } == [backupSeq + 1])
        #expect(try s.integrity(s.dbPath) == "ok")
    }

    @Test func restoreOfAnUncompressedBackupOverAnUnchangedStoreNeedsNoForce() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db")
        let data = try s.visibleData()
        try s.ok("restore", "b.db")
        #expect(try s.visibleData() == data)
        #expect(try s.verify().status == 0)
    }

    @Test func restoreCreatesAMissingStore() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db.gz", "--compress")
        let data = try s.visibleData()
        let fresh = s.path + "/elsewhere/new/collab.db"
        let r = try s.run("collab-admin", ["restore", "b.db.gz"], env: ["COLLAB_DB": fresh])
        #expect(r.status == 0, "\(r)")
        #expect(Sandbox.mode(of: fresh) == 0o600)
        #expect(Sandbox.mode(of: s.path + "/elsewhere/new") == 0o700)
        #expect(try s.visibleData(db: fresh) == data)
        let v = try s.run("collab-admin", ["audit", "verify"], env: ["COLLAB_DB": fresh])
        #expect(v.status == 0, "\(v)")
    }

    @Test func restoreRefusesATamperedBackup() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db")
        try s.sqlite("UPDATE changes SET record = replace(record, 'alice', 'mallory') WHERE seq = 2;", database: s.path + "/b.db")
        let head = try s.lastSeq()
        let r = try s.fails(65, "restore", "b.db", "--force")
        #expect(r.stderr.contains("audit verify"), "\(r)")
        #expect(try s.lastSeq() == head)
        #expect(try s.verify().status == 0)
    }

    @Test func restoreRefusesDamagedFiles() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db")
        try s.ok("backup", "b.gz", "--compress")
        let whole = Sandbox.read(s.path + "/b.db")
        let data = try s.visibleData()
        try s.writeFile("half.db", bytes: Array(whole.prefix(whole.count / 2)))
        var r = try s.fails(65, "restore", "half.db", "--force")
        #expect(r.stderr.contains("integrity check"), "\(r)")
        try s.writeFile("garbage.db", "this is not a database, only words\n")
        r = try s.fails(65, "restore", "garbage.db", "--force")
        #expect(r.stderr.contains("not an SQLite database"), "\(r)")
        let gz = Sandbox.read(s.path + "/b.gz")
        try s.writeFile("half.gz", bytes: Array(gz.prefix(gz.count / 2)))
        r = try s.fails(65, "restore", "half.gz", "--force")
        #expect(r.stderr.contains("gzip"), "\(r)")
        try s.sqlite("CREATE TABLE t (x INTEGER);", database: s.path + "/other.db")
        r = try s.fails(65, "restore", "other.db", "--force")
        #expect(r.stderr.contains("not a collab store"), "\(r)")
        r = try s.fails(74, "restore", "missing.db")
        #expect(r.stderr.contains("missing.db"), "\(r)")
        // Nothing was changed, nothing was left behind.
        #expect(try s.visibleData() == data)
        let left = try FileManager.default.contentsOfDirectory(atPath: s.path + "/data").filter { $0.contains("restore") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func restoreRefusesANewerSchema() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db")
        try s.sqlite("UPDATE meta SET value = '999' WHERE key = 'schema_version';", database: s.path + "/b.db")
        let r = try s.fails(78, "restore", "b.db", "--force")
        #expect(r.stderr.contains("newer collab"), "\(r)")
    }

    @Test func restoreOfAnotherStoresBackupNeedsForce() throws {
        let s = try Sandbox.opsStore()
        let other = try Sandbox()
        try other.ok("backup", s.path + "/other.db")
        let r = try s.fails(73, "restore", "other.db")
        #expect(r.stderr.contains("newer than the backup") || r.stderr.contains("history differs"), "\(r)")
    }

    @Test func backupRefusesToOverwriteWithoutForce() throws {
        let s = try Sandbox.opsStore()
        try s.writeFile("b.db", "keep me")
        let r = try s.fails(73, "backup", "b.db")
        #expect(r.stderr.contains("--force"), "\(r)")
        #expect(Sandbox.read(s.path + "/b.db") == Array("keep me".utf8))
        try s.ok("backup", "b.db", "--force")
        #expect(try s.integrity(s.path + "/b.db") == "ok")
    }

    @Test func backupAndRestoreAreForAdminsOnly() throws {
        let s = try Sandbox.opsStore()
        try s.ok("backup", "b.db")
        var r = try s.fails(77, "backup", "mine.db", env: ["COLLAB_USER": "alice"])
        #expect(!Sandbox.exists(s.path + "/mine.db"))
        r = try s.fails(77, "restore", "b.db", env: ["COLLAB_USER": "alice"])
        #expect(r.stderr.contains("admin"), "\(r)")
        // Refusals are recorded in the chain.
        let refusals = try s.changes("--type", "refusal")
        #expect(refusals.count == 2)
    }

    @Test func backupUsageAndIOErrors() throws {
        let s = try Sandbox.opsStore()
        try s.fails(64, "backup", "-")
        try s.fails(64, "backup")
        let r = try s.fails(74, "backup", "no/such/folder/b.db")
        #expect(r.stderr.contains("no/such/folder"), "\(r)")
    }
}
