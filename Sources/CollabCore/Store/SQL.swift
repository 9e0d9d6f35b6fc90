internal import GRDB
internal import GRDBSQLite

/// The store's narrow layer: every domain reaches the database through these few calls.
/// Statements use `?` placeholders and portable SQL (`INSERT … ON CONFLICT`, `RETURNING`,
/// no SQLite-only functions in domain code), so a PostgreSQL driver can sit under it.
///
/// GRDB owns the connection, the transactions and the statement cache; binding and
/// stepping go straight to SQLite's C API, which is several times cheaper per statement
/// than building GRDB rows (measured: the user import's main cost).
package struct SQL {
    let db: Database

    /// Runs a statement that returns no rows.
    package func execute(_ sql: String, _ args: [SQLValue] = []) throws {
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
        let (stmt, keep) = try prepare(sql, args)
        defer { sqlite3_reset(stmt); withExtendedLifetime(keep) {} }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            if try !body(Row(stmt: stmt)) { return }
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
    package var changes: Int { db.changesCount }

    /// Runs several statements separated by semicolons (migrations only).
    package func script(_ sql: String) throws {
        do { try db.execute(sql: sql) } catch let e as DatabaseError { throw StoreErrors.map(e) }
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
    let stmt: OpaquePointer

    /// The raw value of a column.
    package subscript(_ i: Int) -> SQLValue {
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

    /// A text column that may be null.
    package func optString(_ i: Int) -> String? {
        sqlite3_column_type(stmt, Int32(i)) == SQLITE_NULL ? nil : string(i)
    }

    /// A text column that is never null ("" if it is).
    package func string(_ i: Int) -> String {
        let c = Int32(i)
        guard let p = sqlite3_column_text(stmt, c) else { return "" }
        let n = Int(sqlite3_column_bytes(stmt, c))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// An integer column that may be null.
    package func optInt(_ i: Int) -> Int64? {
        sqlite3_column_type(stmt, Int32(i)) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, Int32(i))
    }

    /// An integer column that is never null (0 if it is).
    package func int(_ i: Int) -> Int64 { sqlite3_column_int64(stmt, Int32(i)) }

    /// A boolean stored as 0/1.
    package func bool(_ i: Int) -> Bool { int(i) != 0 }
}
