#if canImport(Glibc)
import Glibc
#endif
import CollabCore
import Testing
import _CollabTestSupport

/// The core of backup, restore and doctor, on a store of the production configuration.
/// Backup and restore copy SQLite files: their tests run on the SQLite run only.
@Suite struct BackupDoctorTests {
    func storeWithTasks(_ n: Int = 3) throws -> TestStore {
        let t = try TestStore()
        for i in 1...n {
            _ = try t.write { tx in try Tasks.add(tx, t.admin, title: "tâche \(i)", TaskSpec()) }
        }
        return t
    }

    /// The exit code of the error `body` throws (nil when it throws none).
    func exitCode(_ body: () throws -> Any) -> Int32? {
        do { _ = try body() } catch let e as CollabError { return e.exitCode } catch { return -1 }
        return nil
    }

    func head(_ t: TestStore) throws -> Int64 {
        try t.read { try AuditLog.verify($0) }.headSeq
    }

    @Test(.enabled(if: TestDatabases.onSQLite)) func backupCopiesTheStoreAndReportsItsNewestChange() throws {
        let t = try storeWithTasks()
        let file = t.folder.path + "/copy.db"
        let made = try Backup.make(t.store, to: file, compress: false, force: false, now: t.now, busyTimeout: 5)
        #expect(try made.seq == head(t))
        #expect(made.file == file)
        #expect(made.size > 0)
        #expect(made.sha256.count == 64)
        #expect(made.record["type"] == .string("backup"))
        let copy = try Store.open(StoreLocation(path: file), readOnly: true, busyTimeout: 5)
        #expect(try copy.integrityProblems().isEmpty)
        let report = try copy.read { try AuditLog.verify($0) }
        #expect(report.ok && report.headSeq == made.seq)
        #expect(try copy.read { try $0.int("SELECT count(*) FROM tasks") } == 3)
    }

    @Test(.enabled(if: TestDatabases.onSQLite)) func backupRefusesAnExistingFileUnlessForced() throws {
        let t = try storeWithTasks(1)
        let file = t.folder.path + "/copy.db"
        _ = try Backup.make(t.store, to: file, compress: false, force: false, now: t.now, busyTimeout: 5)
        #expect(exitCode {
            try Backup.make(t.store, to: file, compress: true, force: false, now: t.now, busyTimeout: 5)
        } == 73)
        let again = try Backup.make(t.store, to: file, compress: true, force: true, now: t.now, busyTimeout: 5)
        #expect(again.compressed)
    }

    @Test(.enabled(if: TestDatabases.onSQLite)) func restoreChecksTheChainAndNeedsForceForNewerChanges() throws {
        let t = try storeWithTasks(2)
        let file = t.folder.path + "/copy.db.gz"
        let made = try Backup.make(t.store, to: file, compress: true, force: false, now: t.now, busyTimeout: 5)
        _ = try t.write { tx in try Tasks.add(tx, t.admin, title: "plus tard", TaskSpec()) }
        let location = t.store.location
        #expect(exitCode {
            try Backup.restore(file, into: location, actor: "root", force: false, now: t.now, busyTimeout: 5)
        } == 73)
        let done = try Backup.restore(file, into: location, actor: "root", force: true, now: t.now, busyTimeout: 5)
        #expect(done.record["backup_seq"] == .int(made.seq))
        #expect(done.record["discarded"] == .int(1))
        let reopened = try Store.open(location, readOnly: true, busyTimeout: 5)
        #expect(try reopened.read { try $0.int("SELECT count(*) FROM tasks") } == 2)
        let report = try reopened.read { try AuditLog.verify($0) }
        #expect(report.ok && report.headSeq == made.seq + 1)
    }

    @Test(.enabled(if: TestDatabases.onSQLite)) func restoreRefusesAStranger() throws {
        let t = try storeWithTasks(1)
        let file = t.folder.path + "/copy.db"
        _ = try Backup.make(t.store, to: file, compress: false, force: false, now: t.now, busyTimeout: 5)
        let fresh = StoreLocation(path: t.folder.path + "/other/collab.db")
        #expect(exitCode {
            try Backup.restore(file, into: fresh, actor: "nobody", force: false, now: t.now, busyTimeout: 5)
        } == 77)
        // A refused restore into a missing store leaves no file behind.
        #expect(!fresh.exists)
    }

    @Test func doctorFindsAndRepairsDerivedData() throws {
        let t = try storeWithTasks()
        var checks = try t.read { try Doctor.readChecks($0) }
        #expect(checks.allSatisfy { $0.ok })
        let pg = t.store.dialect == .postgres
        // On PostgreSQL the task index is an index of `tasks` (nothing to drift): the
        // document index stands in for it.
        let index = pg ? "index:doc_text" : "index:tasks_fts"
        #expect(checks.map(\.id) == ["integrity", "audit", "schema"] + (pg ? [] : ["index:tasks_fts"]) + ["index:messages_fts", "index:doc_text", "orphans"])
        _ = try t.write { tx in
            try tx.sql.execute(pg ? "INSERT INTO doc_text (doc, title, body) VALUES ('doc-9', 'x', 'y')" : "DELETE FROM tasks_fts_docsize WHERE id = 1")
            try tx.sql.execute("INSERT INTO blobs (sha256, size, chunks) VALUES ('feed', 1, 0)")
        }
        checks = try t.read { try Doctor.readChecks($0) }
        #expect(checks.filter { !$0.ok }.map(\.id) == [index, "orphans"])
        let before = try head(t)
        let repairs = try t.write { tx in try Doctor.repair(tx, checks) }
        #expect(repairs.map { $0["id"] } == [.string(index), .string("orphans")])
        #expect(try head(t) == before + 2)
        checks = try t.read { try Doctor.readChecks($0) }
        #expect(checks.allSatisfy { $0.ok })
        let structure = try t.store.write(actor: "root", now: t.now, dryRun: true) { tx in Doctor.indexStructureChecks(tx.sql) }.result
        #expect(structure.allSatisfy { $0.ok })
    }

    @Test func doctorNeverRepairsTheChain() throws {
        let t = try storeWithTasks()
        _ = try t.write { tx in try tx.sql.execute("UPDATE changes SET record = '{}' WHERE seq = 2") }
        let checks = try t.read { try Doctor.readChecks($0) }
        let audit = try #require(checks.first { $0.id == "audit" })
        #expect(!audit.ok && !audit.repairable)
        let repairs = try t.write { tx in try Doctor.repair(tx, checks) }
        #expect(repairs.isEmpty)
    }
}
