internal import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The store: owns the one database connection and its schema. Every command opens it
/// once, then does one `read` or one `write` (one immediate transaction).
///
/// Two stores sit under the same calls: an SQLite file (GRDB), and a shared PostgreSQL
/// database (libpq). On PostgreSQL a write takes one transaction-scoped advisory lock
/// first, so writers follow each other as on SQLite and the audit chain stays strictly
/// ordered; a read is one repeatable-read snapshot.
package final class Store {
    /// Where the store is.
    package let location: StoreLocation
    /// Whether this connection may write.
    package let isReadOnly: Bool
    let backend: Backend

    enum Backend {
        case sqlite(DatabaseQueue)
        case postgres(PGConnection)
    }

    /// The advisory lock key of the store's one writer ("collab" in ASCII).
    package static let writeLockKey: Int64 = 0x636F_6C6C_6162

    /// The channel every committed write notifies on PostgreSQL (its payload is the
    /// newest change seq), which `feed --follow` and `collab-msg tail -f` listen to.
    package static let changesChannel = "collab_changes"

    private init(location: StoreLocation, readOnly: Bool, backend: Backend) {
        self.location = location
        self.isReadOnly = readOnly
        self.backend = backend
    }

    /// The SQLite queue (backup, restore and vacuum, which only exist there).
    var queue: DatabaseQueue {
        guard case .sqlite(let q) = backend else { preconditionFailure("an SQLite-only operation on PostgreSQL") }
        return q
    }

    /// Which SQL the store speaks.
    package var dialect: Dialect {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Opens an existing, initialised store. A read-only store is opened with SQLite's
    /// read-only flag; a store of an older schema is migrated first.
    package static func open(_ location: StoreLocation, readOnly: Bool, busyTimeout: Double) throws -> Store {
        guard location.exists else {
            throw CollabError(.config, "no store at '\(location.path)': run 'collab-admin init' first")
        }
        let store = try connect(location, readOnly: readOnly, busyTimeout: busyTimeout)
        let version = try store.schemaVersion()
        guard let version else {
            throw CollabError(.config, "'\(location.path)' is not an initialised collab store: run 'collab-admin init' first")
        }
        if version > Migrations.current {
            throw CollabError(
                .config,
                "the store '\(location.path)' was written by a newer collab (schema \(version), this program knows \(Migrations.current)): upgrade collab")
        }
        if version < Migrations.current {
            let writer = readOnly ? try connect(location, readOnly: false, busyTimeout: busyTimeout) : store
            try writer.migrate()
        }
        return store
    }

    /// Creates the file if needed (0600 in a 0700 folder), switches it to WAL and brings
    /// the schema up to date. Returns whether the store was new.
    package static func create(_ location: StoreLocation, busyTimeout: Double) throws -> (Store, created: Bool) {
        if !location.exists { try location.createFile() }
        let store = try connect(location, readOnly: false, busyTimeout: busyTimeout)
        let before = try store.schemaVersion()
        if let before, before > Migrations.current {
            throw CollabError(
                .config,
                "the store '\(location.path)' was written by a newer collab (schema \(before), this program knows \(Migrations.current)): upgrade collab")
        }
        try store.migrate()
        return (store, before == nil)
    }

    private static func connect(_ location: StoreLocation, readOnly: Bool, busyTimeout: Double) throws -> Store {
        if let url = location.url {
            let pg = try PGConnection(url, readOnly: readOnly, busyTimeout: busyTimeout)
            return Store(location: location, readOnly: readOnly, backend: .postgres(pg))
        }
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.journalMode = .wal
        config.busyMode = .timeout(busyTimeout)
        config.label = "collab"
        do {
            let queue = try DatabaseQueue(path: location.path, configuration: config)
            return Store(location: location, readOnly: readOnly, backend: .sqlite(queue))
        } catch let e as DatabaseError {
            if e.resultCode == .SQLITE_NOTADB {
                throw CollabError(.config, "'\(location.path)' is not a collab store (not an SQLite database)")
            }
            throw StoreErrors.map(e)
        }
    }

    /// The schema version recorded in the file, or nil if it has none.
    func schemaVersion() throws -> Int? {
        try read { sql in
            let hasMeta = try sql.int(sql.dialect.tableExists, ["meta"]) ?? 0
            guard hasMeta > 0 else { return nil }
            return try sql.string("SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int($0) }
        }
    }

    private func migrate() throws {
        try exclusive { sql in
            let hasMeta = try sql.int(sql.dialect.tableExists, ["meta"]) ?? 0
            var version = 0
            if hasMeta > 0 {
                version = try sql.string("SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int($0) } ?? 0
            }
            guard version < Migrations.current else { return }
            for n in version..<Migrations.current { try sql.script(Migrations.script(n, sql.dialect)) }
            try sql.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(String(Migrations.current))])
        }
    }

    /// Runs `body` in one write transaction holding the store's write lock, without the
    /// change records (migrations).
    private func exclusive(_ body: (SQL) throws -> Void) throws {
        switch backend {
        case .sqlite(let queue):
            try wrap { try queue.write { db in try body(SQL(db: db)) } }
        case .postgres(let pg):
            try pgTransaction(pg, "BEGIN") { sql in
                try sql.execute("SELECT pg_advisory_xact_lock(?)", [.int(Self.writeLockKey)])
                try body(sql)
                return true
            }
        }
    }

    /// Runs `body` between `begin` and COMMIT (or ROLLBACK when it throws or returns false).
    /// A connection lost on the way fails the whole command with exit 69, whatever the
    /// body made of the failure (an import would otherwise report its lines as bad): the
    /// server rolls the transaction back, so nothing of it is stored.
    private func pgTransaction(_ pg: PGConnection, _ begin: String, _ body: (SQL) throws -> Bool) throws {
        try pg.exec(begin)
        let commit: Bool
        do { commit = try body(SQL(pg: pg)) } catch {
            if pg.isLost { throw Self.lost }
            try? pg.exec("ROLLBACK")
            throw error
        }
        do { try pg.exec(commit ? "COMMIT" : "ROLLBACK") } catch where pg.isLost { throw Self.lost }
    }

    private static let lost = CollabError(
        .unavailable, "lost the PostgreSQL store during the command: nothing of it was stored; retry once the server is back")

    /// Runs `body` in a read transaction.
    package func read<T>(_ body: (SQL) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let queue):
            return try wrap { try queue.read { db in try body(SQL(db: db)) } }
        case .postgres(let pg):
            var out: T?
            try pgTransaction(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { sql in
                out = try body(sql)
                return true
            }
            return out!
        }
    }

    /// Waits up to `timeout` seconds for another program's write on PostgreSQL (LISTEN/
    /// NOTIFY); returns whether one came. On SQLite, which has no notifications, it
    /// sleeps `timeout` and returns true: the caller polls.
    package func waitForChanges(timeout: Double) throws -> Bool {
        switch backend {
        case .sqlite:
            var ts = timespec(tv_sec: Int(timeout), tv_nsec: Int((timeout - Double(Int(timeout))) * 1e9))
            nanosleep(&ts, nil)
            return true
        case .postgres(let pg):
            return try pg.waitForNotification(timeout: timeout)
        }
    }

    /// Starts listening for other programs' writes (PostgreSQL; nothing on SQLite).
    package func listenForChanges() throws {
        if case .postgres(let pg) = backend { try pg.listen(Self.changesChannel) }
    }

    /// Runs `body` in one immediate write transaction that also appends the change records.
    /// The changes are returned for a dry run only (they are what it prints).
    /// With `dryRun`, everything is validated and computed, then rolled back.
    package func write<T>(
        actor: String, now: Instant, dryRun: Bool = false, _ body: (Transaction) throws -> T
    ) throws -> (result: T, changes: [Change]) {
        guard !isReadOnly else { throw CollabError(.internal, "write on a read-only connection (please report)") }
        var out: (T, [Change])?
        switch backend {
        case .sqlite(let queue):
            try wrap {
                try queue.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let tx = Transaction(sql: SQL(db: db), actor: actor, now: now, dryRun: dryRun)
                        let result = try body(tx)
                        try tx.finish()
                        out = (result, tx.changes)
                        return dryRun ? .rollback : .commit
                    }
                }
            }
        case .postgres(let pg):
            try pgTransaction(pg, "BEGIN") { sql in
                try sql.execute("SELECT pg_advisory_xact_lock(?)", [.int(Self.writeLockKey)])
                let tx = Transaction(sql: sql, actor: actor, now: now, dryRun: dryRun)
                let result = try body(tx)
                try tx.finish()
                if !dryRun && tx.changeCount > 0 {
                    try sql.execute("SELECT pg_notify('\(Self.changesChannel)', '')")
                }
                out = (result, tx.changes)
                return !dryRun
            }
        }
        return out!
    }

    /// Runs SQLite's integrity check; returns the problems found (empty when sound).
    package func integrityProblems() throws -> [String] {
        // PostgreSQL checks its pages itself (and has no integrity_check): nothing to report.
        guard dialect == .sqlite else { return [] }
        return try read { sql in
            try sql.all("PRAGMA integrity_check") { $0.string(0) }.filter { $0 != "ok" }
        }
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DatabaseError { throw StoreErrors.map(e) }
    }
}
