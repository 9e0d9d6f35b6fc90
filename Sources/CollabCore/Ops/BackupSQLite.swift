#if canImport(Glibc)
import Glibc
#endif
internal import GRDB
internal import GRDBSQLite

/// A bare SQLite connection, for what the store's own connection cannot do: be the other
/// end of SQLite's online backup, and look at a file before it is trusted as a store.
final class BackupConnection {
    let handle: OpaquePointer
    let path: String

    /// Opens `path` (read-write, created if `create`), waiting up to `busyTimeout` for locks.
    init(path: String, create: Bool = false, busyTimeout: Double) throws {
        var h: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &h, flags, nil)
        guard rc == SQLITE_OK, let h else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(h)
            throw BackupConnection.Failure(code: rc, message: message)
        }
        handle = h
        self.path = path
        sqlite3_busy_timeout(h, Int32(min(busyTimeout * 1000, Double(Int32.max))))
    }

    deinit { sqlite3_close_v2(handle) }

    /// A failure of the C API: its result code and message.
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var message: String
        var description: String { message }
        var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }
    }

    func failure(_ rc: Int32) -> Failure { Failure(code: rc, message: String(cString: sqlite3_errmsg(handle))) }

    /// Runs statements that return nothing.
    func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        if rc != SQLITE_OK { throw failure(rc) }
    }

    /// The rows of a query, every column as text (nil for NULL).
    func rows(_ sql: String) throws -> [[String?]] {
        var stmt: OpaquePointer?
        var rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw failure(rc) }
        defer { sqlite3_finalize(stmt) }
        var out: [[String?]] = []
        while true {
            rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return out }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            var row: [String?] = []
            for c in 0..<sqlite3_column_count(stmt) {
                if let p = sqlite3_column_text(stmt, c) { row.append(String(cString: p)) } else { row.append(nil) }
            }
            out.append(row)
        }
    }

    /// Copies the whole database `source` into this one with SQLite's online backup, in
    /// one step: the source is read in one read transaction (a consistent snapshot, while
    /// other connections keep writing) and this database is written under its write lock.
    /// `locked` runs once the write lock on this database is held, before any page is
    /// copied; throwing from it abandons the copy and leaves this database unchanged.
    func copy(from source: OpaquePointer, locked: () throws -> Void = {}) throws {
        guard let b = sqlite3_backup_init(handle, "main", source, "main") else { throw failure(sqlite3_errcode(handle)) }
        var finished = false
        defer { if !finished { sqlite3_backup_finish(b) } }
        var rc = sqlite3_backup_step(b, 0)
        if rc != SQLITE_OK && rc != SQLITE_DONE { throw failure(rc) }
        try locked()
        rc = sqlite3_backup_step(b, -1)
        finished = true
        let end = sqlite3_backup_finish(b)
        if rc != SQLITE_DONE { throw Failure(code: rc, message: String(cString: sqlite3_errstr(rc))) }
        if end != SQLITE_OK { throw failure(end) }
    }
}

extension Store {
    /// Runs `body` with the store's own SQLite connection, inside one read transaction
    /// (so what it reads and what a backup copies are the same snapshot).
    func withSnapshot<T>(_ body: (OpaquePointer, SQL) throws -> T) throws -> T {
        try queue.inDatabase { db in
            guard let handle = db.sqliteConnection else { throw CollabError(.internal, "the store is closed (please report)") }
            try db.execute(sql: "BEGIN DEFERRED")
            defer { try? db.execute(sql: "COMMIT") }
            return try body(handle, SQL(db: db))
        }
    }

    /// Runs `body` with the store's own SQLite connection and its GRDB database, outside
    /// any transaction.
    func withDatabase<T>(_ body: (OpaquePointer, Database) throws -> T) throws -> T {
        try queue.inDatabase { db in
            guard let handle = db.sqliteConnection else { throw CollabError(.internal, "the store is closed (please report)") }
            return try body(handle, db)
        }
    }

    /// Runs `body` with the store's own SQLite connection, outside any transaction.
    func withConnection<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try queue.inDatabase { db in
            guard let handle = db.sqliteConnection else { throw CollabError(.internal, "the store is closed (please report)") }
            return try body(handle)
        }
    }
}
