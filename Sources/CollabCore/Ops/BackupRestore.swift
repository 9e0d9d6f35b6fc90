#if canImport(Glibc)
import Glibc
#endif
internal import GRDB
internal import GRDBSQLite

extension Backup {
    /// What a restore did.
    package struct Restored: Sendable {
        package var record: JSONObject
    }

    /// The state of the live store before a restore.
    enum Live {
        /// No file: the restore creates it.
        case missing
        /// A store that opens, with its chain head.
        case store(ChainHead)
        /// A file that does not open as a collab store.
        case broken(String)
    }

    /// Restores the backup `file` into the store at `location`.
    ///
    /// The backup is first copied (uncompressed if gzip) to a temporary file beside the
    /// store and checked there: an SQLite database, `PRAGMA integrity_check`, a collab
    /// store, a schema no newer than this program's (older ones are migrated), the audit
    /// chain. The acting user must be an active admin in the backup, and in the store
    /// when it opens. The restore is recorded as one change appended to the backup's chain,
    /// then the copy replaces the store's content with SQLite's online backup, under the
    /// store's write lock, so other programs simply wait. Replacing a store that has
    /// changes the backup lacks (or another history, or a store that does not open) needs
    /// `force`.
    package static func restore(
        _ file: String, into location: StoreLocation, actor actorId: String, force: Bool, now: Instant, busyTimeout: Double
    ) throws -> Restored {
        try Backup.refusePostgres(location, "restore")
        guard !file.isEmpty else { throw CollabError.invalid("file", file, "expected a file path") }
        let compressed = try BackupFiles.isGzip(file)
        let (fileSize, fileSha) = try BackupFiles.digest(file)
        let live = try liveState(location, actor: actorId, busyTimeout: busyTimeout)

        // The store's folder must exist for the temporary copy.
        var createdEmpty = false
        if case .missing = live {
            try location.createFile()
            createdEmpty = true
        }
        var done = false
        defer { if createdEmpty && !done { location.remove() } }
        let copy = try BackupFiles.temporary(beside: location.path, "restore")
        defer { BackupFiles.remove(copy) }
        if compressed { try BackupFiles.expand(file, into: copy) } else { try BackupFiles.clone(file, into: copy) }
        try precheck(copy, file: file, busyTimeout: busyTimeout)

        let restored = try Store.open(StoreLocation(path: copy), readOnly: false, busyTimeout: busyTimeout)
        let report = try restored.read { try AuditLog.verify($0) }
        guard report.ok else {
            let first = report.problems.first.map { " (seq \($0.seq): \($0.problem))" } ?? ""
            throw CollabError(.badInput, "'\(file)' is not a valid backup: it fails audit verify: \(report.problemCount) problem\(report.problemCount == 1 ? "" : "s")\(first)")
        }
        let backupHead = ChainHead(seq: report.headSeq, hash: report.headHash)
        let actor = try restored.read { try Directory.actor($0, actorId) }
        try Access.requireAdmin(actor, "restore a backup")

        // Would replacing a store whose newest change is `head` lose anything?
        func conflict(_ head: ChainHead, _ sql: SQL) throws {
            guard !force else { return }
            if head.seq > backupHead.seq {
                let n = head.seq - backupHead.seq
                let range = n == 1 ? "\(head.seq)" : "\(backupHead.seq + 1)…\(head.seq)"
                throw CollabError.conflict(
                    "the store has \(n) change\(n == 1 ? "" : "s") newer than the backup (seq \(range)): use --force to discard them")
            }
            if head.seq > 0, try sql.string("SELECT hash FROM changes WHERE seq = ?", [.int(head.seq)]) != head.hash {
                throw CollabError.conflict("the store's history differs from the backup's at seq \(head.seq): use --force to replace it")
            }
        }
        let id = "restore-\(backupHead.seq + 1)"
        func record(replacing replaced: ChainHead?) -> JSONObject {
            var record = JSONObject([
                ("type", .string("restore")), ("id", .string(id)), ("file", .string(absolute(file))),
                ("size", .int(fileSize)), ("sha256", .string(fileSha)), ("compressed", .bool(compressed)),
                ("backup_seq", .int(backupHead.seq)),
            ])
            if let replaced {
                record["replaced_seq"] = .int(replaced.seq)
                if replaced.seq > backupHead.seq { record["discarded"] = .int(replaced.seq - backupHead.seq) }
            }
            record["seq"] = .int(backupHead.seq + 1)
            record["ts"] = .string(RFC3339.format(now))
            return record
        }

        var written: JSONObject
        switch live {
        case .store(let head):
            // A first look, to fail before any copying; the check that counts is made again
            // under the store's write lock, where the restore is recorded.
            try restored.read { try conflict(head, $0) }
            var final = JSONObject()
            try copyInto(location, from: restored, busyTimeout: busyTimeout) { current, db in
                try conflict(current, SQL(db: db))
                final = record(replacing: current)
                try appendChange(db, actor: actor.id, now: now, id: id, record: final)
            }
            written = final
        case .missing, .broken:
            if case .broken(let why) = live, !force {
                throw CollabError.conflict("the store '\(location.path)' does not open (\(why)): use --force to replace it")
            }
            written = record(replacing: nil)
            let r = written
            _ = try restored.write(actor: actor.id, now: now) { tx in try tx.record(.create, "restore", id, r) }
            // Nothing can be using a missing or broken store: the verified copy takes its
            // name (after its WAL is folded into it).
            try restored.withConnection { h in
                let rc = sqlite3_wal_checkpoint_v2(h, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
                if rc != SQLITE_OK { throw CollabError(.io, "cannot finish the restored copy: \(String(cString: sqlite3_errmsg(h)))") }
            }
            try BackupFiles.sync(copy)
            for suffix in ["-wal", "-shm", "-journal"] { unlink(location.path + suffix) }
            try BackupFiles.publish(copy, as: location.path, replace: true)
        }
        done = true
        return Restored(record: written)
    }

    /// Whether the store exists and opens; if so, the acting user must be an active admin
    /// in it (exit 77 otherwise).
    static func liveState(_ location: StoreLocation, actor: String, busyTimeout: Double) throws -> Live {
        guard location.exists else { return .missing }
        let store: Store
        do {
            store = try Store.open(location, readOnly: true, busyTimeout: busyTimeout)
        } catch let e as CollabError where e.kind == .config || e.kind == .io {
            return .broken(e.message)
        }
        let a = try store.read { try Directory.actor($0, actor) }
        try Access.requireAdmin(a, "restore a backup")
        return .store(try store.read { try ChangeLog.readHead($0) })
    }

    /// The checks that need no collab code: an SQLite file, sound, a collab store, of a
    /// schema this program knows.
    static func precheck(_ path: String, file: String, busyTimeout: Double) throws {
        let bad = { (what: String) in CollabError(.badInput, "'\(file)' is not a valid backup: \(what)") }
        do {
            let db = try BackupConnection(path: path, busyTimeout: busyTimeout)
            _ = try db.rows("SELECT count(*) FROM sqlite_master")
            let problems = try db.rows("PRAGMA integrity_check").compactMap { $0.first ?? nil }.filter { $0 != "ok" }
            if !problems.isEmpty {
                throw bad("it fails the integrity check (\(problems.count) problem\(problems.count == 1 ? "" : "s"): \(problems[0]))")
            }
            let tables = Set(try db.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.first ?? nil })
            guard tables.contains("meta"), tables.contains("changes"),
                let text = try db.rows("SELECT value FROM meta WHERE key = 'schema_version'").first?.first ?? nil,
                let version = Int(text)
            else { throw bad("it is not a collab store") }
            if version > Migrations.current {
                throw CollabError(
                    .config, "'\(file)' was written by a newer collab (schema \(version), this program knows \(Migrations.current)): upgrade collab")
            }
        } catch let e as BackupConnection.Failure {
            let code = e.code & 0xff
            if code == SQLITE_NOTADB { throw bad("it is not an SQLite database") }
            if code == SQLITE_CORRUPT { throw bad("it fails the integrity check (\(e.message))") }
            throw bad("it cannot be read as a store (\(e.message))")
        }
    }

    /// Replaces the live store's content with the restored copy's, with the online backup.
    /// `locked` runs under the store's write lock, before any page is copied, with the
    /// store's newest change and the copy's connection: it may still refuse (nothing is
    /// then written) or add to the copy, which is then copied whole.
    static func copyInto(
        _ location: StoreLocation, from restored: Store, busyTimeout: Double, locked: (ChainHead, Database) throws -> Void
    ) throws {
        do {
            let target = try BackupConnection(path: location.path, busyTimeout: busyTimeout)
            try restored.withDatabase { source, db in
                try target.copy(from: source) {
                    let head = try Store.open(location, readOnly: true, busyTimeout: busyTimeout).read { try ChangeLog.readHead($0) }
                    try locked(head, db)
                }
            }
        } catch let e as BackupConnection.Failure {
            if e.isBusy { throw CollabError(.busy, "the store stayed locked: retry later, or raise --busy-timeout") }
            throw CollabError(.io, "cannot write the store '\(location.path)': \(e.message)")
        }
    }

    /// Appends one change to the copy's chain, on its own connection (inside `withDatabase`).
    static func appendChange(_ db: Database, actor: String, now: Instant, id: String, record: JSONObject) throws {
        do {
            try db.inTransaction(.immediate) {
                let tx = Transaction(sql: SQL(db: db), actor: actor, now: now, dryRun: false)
                try tx.record(.create, "restore", id, record)
                try tx.finish()
                return .commit
            }
        } catch let e as DatabaseError { throw StoreErrors.map(e) }
    }
}
