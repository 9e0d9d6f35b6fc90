internal import GRDB

/// The store: owns the one database connection and its schema. Every command opens it
/// once, then does one `read` or one `write` (one immediate transaction).
package final class Store {
    /// Where the file is.
    package let location: StoreLocation
    /// Whether this connection may write.
    package let isReadOnly: Bool
    let queue: DatabaseQueue

    private init(location: StoreLocation, readOnly: Bool, queue: DatabaseQueue) {
        self.location = location
        self.isReadOnly = readOnly
        self.queue = queue
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
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.journalMode = .wal
        config.busyMode = .timeout(busyTimeout)
        config.label = "collab"
        do {
            let queue = try DatabaseQueue(path: location.path, configuration: config)
            return Store(location: location, readOnly: readOnly, queue: queue)
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
            let hasMeta = try sql.int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") ?? 0
            guard hasMeta > 0 else { return nil }
            return try sql.string("SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int($0) }
        }
    }

    private func migrate() throws {
        try wrap {
            try queue.write { db in
                let sql = SQL(db: db)
                let hasMeta = try sql.int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") ?? 0
                var version = 0
                if hasMeta > 0 {
                    version = try sql.string("SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int($0) } ?? 0
                }
                guard version < Migrations.current else { return }
                for n in version..<Migrations.current { try sql.script(Migrations.all[n]) }
                try sql.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [.text(String(Migrations.current))])
            }
        }
    }

    /// Runs `body` in a read transaction.
    package func read<T>(_ body: (SQL) throws -> T) throws -> T {
        try wrap { try queue.read { db in try body(SQL(db: db)) } }
    }

    /// Runs `body` in one immediate write transaction that also appends the change records.
    /// The changes are returned for a dry run only (they are what it prints).
    /// With `dryRun`, everything is validated and computed, then rolled back.
    package func write<T>(
        actor: String, now: Instant, dryRun: Bool = false, _ body: (Transaction) throws -> T
    ) throws -> (result: T, changes: [Change]) {
        guard !isReadOnly else { throw CollabError(.internal, "write on a read-only connection (please report)") }
        var out: (T, [Change])?
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
        return out!
    }

    /// Runs SQLite's integrity check; returns the problems found (empty when sound).
    package func integrityProblems() throws -> [String] {
        try read { sql in
            try sql.all("PRAGMA integrity_check") { $0.string(0) }.filter { $0 != "ok" }
        }
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DatabaseError { throw StoreErrors.map(e) }
    }
}
