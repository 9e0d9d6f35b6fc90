internal import GRDB
internal import GRDBSQLite
import Glibc

/// The store's narrow layer: every domain reaches the database through these few calls.
/// Statements use `?` placeholders and portable SQL (`INSERT … ON CONFLICT`, `RETURNING`,
/// no SQLite-only functions in domain code), so that the same statements run on both
/// stores: the embedded SQLite file and a shared PostgreSQL server. Where the two differ
/// (full-text search, catalogues, string aggregation), code asks `dialect`.
///
/// On SQLite, GRDB owns the connection, the transactions and the statement cache; binding
/// and stepping go straight to SQLite's C API, which is several times cheaper per
/// statement than building GRDB rows (measured: the user import's main cost). On
/// PostgreSQL, `PGConnection` (libpq) prepares each statement once per connection.
package struct SQL {
    enum Connection {
        case sqlite(Database)
        case postgres(PGConnection)
    }

    let connection: Connection

    init(db: Database) { connection = .sqlite(db) }
    init(pg: PGConnection) { connection = .postgres(pg) }

    /// Which SQL this connection speaks.
    package var dialect: Dialect {
        switch connection {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The GRDB database of an SQLite connection (the backup and vacuum code only).
    var db: Database {
        guard case .sqlite(let db) = connection else { preconditionFailure("an SQLite-only operation on PostgreSQL") }
        return db
    }

    /// Runs a statement that returns no rows.
    package func execute(_ sql: String, _ args: [SQLValue] = []) throws {
        try Self.refuseNUL(args)
        if case .postgres(let pg) = connection {
            _ = try pg.query(sql, args)
            return
        }
        let (stmt, keep) = try prepare(sql, args)
        defer { sqlite3_reset(stmt); withExtendedLifetime(keep) {} }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            if rc != SQLITE_ROW { throw failure(rc) }
        }
    }

    /// Runs a query and calls `body` for each row, streaming (the row is valid only
    /// during the call). Return false from `body` to stop early.
    package func each(_ sql: String, _ args: [SQLValue] = [], _ body: (Row) throws -> Bool) throws {
        try Self.refuseNUL(args)
        if case .postgres(let pg) = connection {
            let rows = try pg.query(sql, args)
            for i in 0..<rows.count where try !body(Row(rows, i)) { return }
            return
        }
        let (stmt, keep) = try prepare(sql, args)
        defer { sqlite3_reset(stmt); withExtendedLifetime(keep) {} }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            if try !body(Row(stmt)) { return }
        }
    }

    /// Text holding a NUL character is bad input (exit 65) on both stores: SQLite's C API
    /// and libpq would both silently cut it there.
    private static func refuseNUL(_ args: [SQLValue]) throws {
        for case .text(var s) in args where s.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }) {
            throw CollabError(.badInput, "text with a NUL character (\\u0000) cannot be stored")
        }
    }

    /// All rows of a query, mapped (for small results).
    package func all<T>(_ sql: String, _ args: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var out: [T] = []
        try each(sql, args) { out.append(try map($0)); return true }
        return out
    }

    /// The first row of a query, mapped, or nil.
    package func first<T>(_ sql: String, _ args: [SQLValue] = [], _ map: (Row) throws -> T) throws -> T? {
        var out: T?
        try each(sql, args) { out = try map($0); return false }
        return out
    }

    /// The first column of the first row as an integer, or nil.
    package func int(_ sql: String, _ args: [SQLValue] = []) throws -> Int64? {
        try first(sql, args) { $0.optInt(0) } ?? nil
    }

    /// The first column of the first row as text, or nil.
    package func string(_ sql: String, _ args: [SQLValue] = []) throws -> String? {
        try first(sql, args) { $0.optString(0) } ?? nil
    }

    /// How many rows the last statement changed.
    package var changes: Int {
        switch connection {
        case .sqlite(let db): db.changesCount
        case .postgres(let pg): pg.changes
        }
    }

    /// Runs several statements separated by semicolons, without arguments (migrations,
    /// transaction control).
    package func script(_ sql: String) throws {
        switch connection {
        case .sqlite(let db):
            do { try db.execute(sql: sql) } catch let e as DatabaseError { throw StoreErrors.map(e) }
        case .postgres(let pg): try pg.exec(sql)
        }
    }

    /// A prepared statement with its arguments bound. A cached statement is reused unless
    /// it is still being stepped (a query run inside the loop of the same query), in which
    /// case a fresh one is made and kept alive by the returned object.
    private func prepare(_ sql: String, _ args: [SQLValue]) throws -> (OpaquePointer, Statement) {
        let statement: Statement
        do {
            let cached = try db.cachedStatement(sql: sql)
            statement = sqlite3_stmt_busy(cached.sqliteStatement) != 0 ? try db.makeStatement(sql: sql) : cached
        } catch let e as DatabaseError { throw StoreErrors.map(e) }
        let stmt = statement.sqliteStatement
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        guard Int(sqlite3_bind_parameter_count(stmt)) == args.count else {
            throw CollabError(.internal, "statement expects \(sqlite3_bind_parameter_count(stmt)) arguments, got \(args.count) (please report)")
        }
        for (i, a) in args.enumerated() {
            let n = Int32(i + 1)
            let rc: Int32
            switch a {
            case .null: rc = sqlite3_bind_null(stmt, n)
            case .int(let v): rc = sqlite3_bind_int64(stmt, n, v)
            case .real(let v): rc = sqlite3_bind_double(stmt, n, v)
            case .text(let s): rc = sqlite3_bind_text(stmt, n, s, -1, SQLITE_TRANSIENT)
            case .blob(let b): rc = b.withUnsafeBytes { sqlite3_bind_blob(stmt, n, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
            }
            if rc != SQLITE_OK { throw failure(rc) }
        }
        return (stmt, statement)
    }

    private func failure(_ rc: Int32) -> CollabError {
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        return StoreErrors.map(DatabaseError(resultCode: ResultCode(rawValue: rc), message: message))
    }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One row of a result, read by column position.
package struct Row {
    enum Source {
        case sqlite(OpaquePointer)
        case postgres(PGRows, Int)
    }

    let source: Source

    init(_ stmt: OpaquePointer) { source = .sqlite(stmt) }
    init(_ rows: PGRows, _ index: Int) { source = .postgres(rows, index) }

    /// The raw value of a column.
    package subscript(_ i: Int) -> SQLValue {
        guard case .sqlite(let stmt) = source else {
            guard case .postgres(let rows, let r) = source else { return .null }
            return rows.value(r, i)
        }
        let c = Int32(i)
        switch sqlite3_column_type(stmt, c) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, c))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, c))
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(stmt, c))
            guard n > 0, let p = sqlite3_column_blob(stmt, c) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .text(string(i))
        }
    }

    /// Whether a column is null.
    package func isNull(_ i: Int) -> Bool {
        switch source {
        case .sqlite(let stmt): sqlite3_column_type(stmt, Int32(i)) == SQLITE_NULL
        case .postgres(let rows, let r): rows.isNull(r, i)
        }
    }

    /// A text column that may be null.
    package func optString(_ i: Int) -> String? {
        isNull(i) ? nil : string(i)
    }

    /// A text column that is never null ("" if it is).
    package func string(_ i: Int) -> String {
        switch source {
        case .sqlite(let stmt):
            let c = Int32(i)
            guard let p = sqlite3_column_text(stmt, c) else { return "" }
            let n = Int(sqlite3_column_bytes(stmt, c))
            return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        case .postgres(let rows, let r):
            return rows.kind(i) == .bool ? (rows.int(r, i) == 1 ? "1" : "0") : rows.text(r, i)
        }
    }

    /// An integer column that may be null.
    package func optInt(_ i: Int) -> Int64? {
        isNull(i) ? nil : int(i)
    }

    /// An integer column that is never null (0 if it is).
    package func int(_ i: Int) -> Int64 {
        switch source {
        case .sqlite(let stmt): sqlite3_column_int64(stmt, Int32(i))
        case .postgres(let rows, let r): rows.int(r, i)
        }
    }

    /// A boolean stored as 0/1.
    package func bool(_ i: Int) -> Bool { int(i) != 0 }
}
