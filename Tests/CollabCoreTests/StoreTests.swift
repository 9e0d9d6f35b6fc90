import CollabCore
import Testing
import _CollabTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Row counts of a few tables, to compare before and after a write.
func tableCounts(_ ts: TestStore) throws -> [String: Int64] {
    try ts.read { sql in
        var out: [String: Int64] = [:]
        for t in ["users", "groups", "group_members", "changes", "sequences", "ext_keys", "acl", "meta"] {
            out[t] = try sql.int("SELECT count(*) FROM \(t)") ?? -1
        }
        out["chain_head"] = Int64(try sql.string("SELECT value FROM meta WHERE key = 'chain_head'")?.count ?? 0)
        return out
    }
}

@Suite struct StoreTests {
    private func mode(_ path: String) throws -> mode_t {
        var st = stat()
        try #require(stat(path, &st) == 0)
        return st.st_mode & 0o777
    }

    @Test func openingAMissingStoreIsAConfigError() {
        let folder = TemporaryFolder()
        let path = folder.path + "/none/collab.db"
        let e = #expect(throws: CollabError.self) { try Store.open(StoreLocation(path: path), readOnly: false, busyTimeout: 1) }
        #expect(e?.kind == .config)
        #expect(e?.message == "no store at '\(path)': run 'collab-admin init' first")
        #expect(e?.exitCode == 78)
        #expect(access(path, F_OK) != 0)
    }

    @Test func openingAnEmptyFileIsAConfigError() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/collab.db"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        close(fd)
        let e = #expect(throws: CollabError.self) { try Store.open(StoreLocation(path: path), readOnly: false, busyTimeout: 1) }
        #expect(e?.kind == .config)
        #expect(e?.message.contains("not an initialised collab store") == true)
    }

    @Test func openingAFileThatIsNotSQLiteIsAConfigError() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/collab.db"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        let junk = Array(String(repeating: "this is not a database\n", count: 100).utf8)
        _ = junk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let e = #expect(throws: CollabError.self) { try Store.open(StoreLocation(path: path), readOnly: false, busyTimeout: 1) }
        #expect(e?.kind == .config)
    }

    @Test func aStoreOfANewerSchemaIsRefused() throws {
        let ts = try TestStore()
        try ts.write { tx in try tx.sql.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'") }
        let location = ts.store.location
        let e = #expect(throws: CollabError.self) { try Store.open(location, readOnly: false, busyTimeout: 1) }
        #expect(e?.kind == .config)
        #expect(e?.message.contains("newer") == true)
        #expect(e?.message.contains("schema 999") == true)
        let e2 = #expect(throws: CollabError.self) { try Store.open(location, readOnly: true, busyTimeout: 1) }
        #expect(e2?.kind == .config)
        let e3 = #expect(throws: CollabError.self) { try Store.create(location, busyTimeout: 1) }
        #expect(e3?.kind == .config)
        #expect(e3?.message.contains("newer") == true)
    }

    @Test func createdStoreIsPrivateAndReopens() throws {
        let folder = TemporaryFolder()
        let location = StoreLocation(path: folder.path + "/a/b/collab.db")
        let (store, created) = try Store.create(location, busyTimeout: 1)
        #expect(created)
        #expect(try mode(location.path) == 0o600)
        #expect(try mode(folder.path + "/a") == 0o700)
        #expect(try mode(folder.path + "/a/b") == 0o700)
        #expect(try store.read { try $0.string("SELECT value FROM meta WHERE key = 'schema_version'") } == String(Migrations.current))
        let (_, again) = try Store.create(location, busyTimeout: 1)
        #expect(!again)
        let reopened = try Store.open(location, readOnly: true, busyTimeout: 1)
        #expect(reopened.isReadOnly)
        #expect(try store.integrityProblems() == [])
    }

    @Test func writingThroughAReadOnlyConnectionIsRefused() throws {
        let ts = try TestStore()
        let ro = try Store.open(ts.store.location, readOnly: true, busyTimeout: 1)
        let e = #expect(throws: CollabError.self) { try ro.write(actor: "root", now: ts.now) { _ in 1 } }
        #expect(e?.kind == .internal)
        #expect(try ro.read { try $0.int("SELECT count(*) FROM users") } == 1)
    }

    @Test func dryRunLeavesNothingAndReturnsTheWouldBeChanges() throws {
        let ts = try TestStore()
        let before = try tableCounts(ts)
        let (result, changes) = try ts.store.write(actor: "root", now: ts.now, dryRun: true) { tx in
            #expect(tx.isDryRun)
            return try Directory.addUser(tx, ts.admin, UserSpec(id: "bob", name: "Bob", groups: ["rh"]))
        }
        #expect(result.1 == .created)
        #expect(result.0.id == "bob")
        #expect(changes.map(\.recordType) == ["group", "user"])
        #expect(changes.map(\.recordId) == ["rh", "bob"])
        #expect(changes.map(\.op) == [.create, .create])
        #expect(changes[1].record["name"] == .string("Bob"))
        #expect(changes[1].record["groups"] == .array([.string("rh")]))
        #expect(changes[1].ts == "2026-11-23T12:00:00Z")
        #expect(changes[1].actor == "root")
        let out = changes[1].output(dryRun: true)
        #expect(out["id"] == .string("chg-dry-run"))
        #expect(out["seq"] == nil)
        #expect(out["hash"] == nil)
        #expect(try tableCounts(ts) == before)
        #expect(try ts.read { try Directory.user($0, "bob") } == nil)
        #expect(try ts.read { try Directory.group($0, "rh") } == nil)
    }

    @Test func aThrowingWriteLeavesNothing() throws {
        let ts = try TestStore()
        let before = try tableCounts(ts)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try ts.write { tx in
                _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "bob", groups: ["rh"]), key: "k1")
                _ = try tx.nextNumber("task")
                throw Boom()
            }
        }
        #expect(try tableCounts(ts) == before)
        #expect(try ts.read { try AuditLog.verify($0) }.ok)
        // The rolled-back number is given again.
        #expect(try ts.write { tx in try tx.nextNumber("task") } == 1)
    }

    @Test func nextNumberCountsPerNameAcrossWrites() throws {
        let ts = try TestStore()
        let first = try ts.write { tx in [try tx.nextNumber("task"), try tx.nextNumber("task"), try tx.nextNumber("msg")] }
        #expect(first == [1, 2, 1])
        #expect(try ts.write { tx in try tx.nextNumber("task") } == 3)
        _ = try ts.store.write(actor: "root", now: ts.now, dryRun: true) { tx in try tx.nextNumber("task") }
        #expect(try ts.write { tx in try tx.nextNumber("task") } == 4)
        #expect(try ts.write { tx in try tx.nextNumber("msg") } == 2)
    }

    @Test func savepointRollbackKeepsEarlierWritesAndTheChain() throws {
        let ts = try TestStore()
        struct Boom: Error {}
        let count = try ts.write { tx in
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "a"))
            #expect(throws: Boom.self) {
                try tx.savepoint {
                    _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "b", groups: ["g"]))
                    #expect(tx.changeCount == 3)
                    throw Boom()
                }
            }
            #expect(tx.changeCount == 1)
            let kept: Int = try tx.savepoint {
                _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "c"))
                return 7
            }
            #expect(kept == 7)
            return tx.changeCount
        }
        #expect(count == 2)
        var chain: [Change] = []
        try ts.read { sql in try AuditLog.each(sql, ChangeFilter()) { chain.append($0); return true } }
        #expect(chain.map(\.recordId) == ["root", "a", "c"])
        #expect(chain.map(\.seq) == [1, 2, 3])
        try #require(chain.count == 3)
        #expect(chain[2].prevHash == chain[1].hash)
        let ids = try ts.read { sql in try sql.all("SELECT id FROM users ORDER BY id") { $0.string(0) } }
        #expect(ids == ["a", "c", "root"])
        #expect(try ts.read { try Directory.group($0, "g") } == nil)
        let report = try ts.read { try AuditLog.verify($0) }
        #expect(report.ok)
        #expect(report.count == 3)
        #expect(report.headSeq == 3)
        #expect(report.headHash == chain[2].hash)
        // The next write links on.
        _ = try ts.write { tx in try Directory.addUser(tx, ts.admin, UserSpec(id: "d")) }
        let after = try ts.read { try AuditLog.verify($0) }
        #expect(after.ok)
        #expect(after.headSeq == 4)
    }

    @Test func savepointRollbackInADryRunDropsTheUndoneChanges() throws {
        let ts = try TestStore()
        struct Boom: Error {}
        let changes = try ts.store.write(actor: "root", now: ts.now, dryRun: true) { tx in
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "a"))
            _ = try? tx.savepoint { () throws -> Int in
                _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "b"))
                throw Boom()
            }
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "c"))
        }.changes
        #expect(changes.map(\.recordId) == ["a", "c"])
        #expect(changes.map(\.seq) == [2, 3])
        #expect(try ts.read { try AuditLog.lastSeq($0) } == 1)
    }

    /// The settings every PostgreSQL connection starts with: UTC, the busy timeout as the
    /// lock timeout, JIT off (compiling a large export took longer than running it), and
    /// reads refused writes.
    @Test(.enabled(if: TestDatabases.onPostgres)) func postgreSQLSessionSettings() throws {
        let ts = try TestStore()
        func settings(_ sql: SQL) throws -> [String] {
            try ["jit", "TimeZone", "lock_timeout", "default_transaction_read_only"].map { try sql.string("SHOW \($0)") ?? "" }
        }
        let store = try Store.open(ts.location, readOnly: true, busyTimeout: 2)
        #expect(try store.read(settings) == ["off", "UTC", "2s", "on"])
        let written = try ts.store.write(actor: "root", now: ts.now) { tx in try settings(tx.sql) }.result
        #expect(written == ["off", "UTC", "5s", "off"])
    }

    @Test func aCheckRunsOnceAWriteUnlessItFailedOrItsSavepointWasRolledBack() throws {
        let ts = try TestStore()
        try ts.write { tx in
            var runs: [String] = []
            try tx.once("user:a") { runs.append("a") }
            try tx.once("user:a") { runs.append("a again") }
            #expect(throws: CollabError.self) { try tx.once("user:b") { throw CollabError(.badInput, "no such user") } }
            try tx.once("user:b") { runs.append("b") }
            try? tx.savepoint {
                try tx.once("project-write:p") { runs.append("p") }
                throw CollabError(.badInput, "a later check of the line failed")
            }
            try tx.once("project-write:p") { runs.append("p again") }
            try tx.savepoint { try tx.once("channel:c") { runs.append("c") } }
            try tx.once("channel:c") { runs.append("c again") }
            #expect(runs == ["a", "b", "p", "p again", "c"])
        }
    }

    @Test func writesReturnNoChangesOutsideADryRun() throws {
        let ts = try TestStore()
        let (_, changes) = try ts.store.write(actor: "root", now: ts.now) { tx in
            try Directory.addUser(tx, ts.admin, UserSpec(id: "a"))
        }
        #expect(changes.isEmpty)
        #expect(try ts.read { try AuditLog.lastSeq($0) } == 2)
    }

    @Test func locationResolution() throws {
        #expect(try StoreLocation.resolve(option: "/x/y.db", environment: ["COLLAB_DB": "/z.db"]) == StoreLocation(path: "/x/y.db"))
        #expect(try StoreLocation.resolve(option: nil, environment: ["COLLAB_DB": "sqlite:~/c.db", "HOME": "/h"]) == StoreLocation(path: "/h/c.db"))
        #expect(try StoreLocation.resolve(option: nil, environment: ["HOME": "/h"]) == StoreLocation(path: "/h/.local/share/collab/collab.db", isDefault: true))
        #expect(try StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]).path == "/d/collab/collab.db")
        let pg = try StoreLocation.resolve(option: "postgres://db/x", environment: ["COLLAB_DB": "/z.db"])
        #expect(pg.isPostgres && pg.url == "postgres://db/x" && pg.path == "postgres://db/x")
        let secret = try StoreLocation.resolve(option: nil, environment: ["COLLAB_DB": "postgresql://ann:s3cret@db:5432/x?sslmode=require"])
        #expect(secret.url == "postgresql://ann:s3cret@db:5432/x?sslmode=require")
        #expect(secret.path == "postgresql://ann:***@db:5432/x?sslmode=require", "the password is never shown")
        #expect(!StoreLocation(path: "/a/b.db").isPostgres)
        #expect(StoreLocation(path: "/a/b.db").folder == "/a")
        #expect(StoreLocation(path: "b.db").folder == ".")
    }
}
