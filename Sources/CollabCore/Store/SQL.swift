internal import GRDB
internal import Foundation

/// The store's narrow layer: every domain reaches the database through these few calls.
/// Statements use `?` placeholders and portable SQL (`INSERT … ON CONFLICT`, `RETURNING`,
/// no SQLite-only functions in domain code), so a PostgreSQL driver can sit under it.
package struct SQL {
    let db: Database

    /// Runs a statement that returns no rows.
    package func execute(_ sql: String, _ args: [SQLValue] = []) throws {
        do {
            let stmt = try db.cachedStatement(sql: sql)
            try stmt.execute(arguments: StatementArguments(args.map(\.databaseValue)))
        } catch let e as DatabaseError { throw StoreErrors.map(e) }
    }

    /// Runs a query and calls `body` for each row, streaming (the row is valid only
    /// during the call). Return false from `body` to stop early.
    package func each(_ sql: String, _ args: [SQLValue] = [], _ body: (Row) throws -> Bool) throws {
        do {
            let stmt = try db.cachedStatement(sql: sql)
            let cursor = try GRDB.Row.fetchCursor(stmt, arguments: StatementArguments(args.map(\.databaseValue)))
            while let r = try cursor.next() {
                if try !body(Row(row: r)) { break }
            }
        } catch let e as DatabaseError { throw StoreErrors.map(e) }
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
}

/// One row of a result, read by column position.
package struct Row {
    let row: GRDB.Row

    /// The raw value of a column.
    package subscript(_ i: Int) -> SQLValue { SQLValue(row[i] as DatabaseValue) }

    /// A text column that may be null.
    package func optString(_ i: Int) -> String? { row[i] }
    /// A text column that is never null ("" if it is).
    package func string(_ i: Int) -> String { row[i] ?? "" }
    /// An integer column that may be null.
    package func optInt(_ i: Int) -> Int64? { row[i] }
    /// An integer column that is never null (0 if it is).
    package func int(_ i: Int) -> Int64 { row[i] ?? 0 }
    /// A boolean stored as 0/1.
    package func bool(_ i: Int) -> Bool { (row[i] as Int64?) ?? 0 != 0 }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .int(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let b): Data(b).databaseValue
        }
    }

    init(_ v: DatabaseValue) {
        switch v.storage {
        case .null: self = .null
        case .int64(let i): self = .int(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let d): self = .blob([UInt8](d))
        }
    }
}
