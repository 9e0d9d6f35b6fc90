/// The two SQL dialects under the narrow layer. Domain statements are written once, in
/// the SQL both accept; the few places where they differ ask the dialect here, so that
/// every difference is in one file (full-text search is in `FullText`).
package enum Dialect: Sendable {
    case sqlite, postgres

    /// A scalar subquery joining `column` of the rows of `from` (a table and its WHERE),
    /// in the column's order, with `separator`: `a b c`, or null when there is none.
    package func joined(_ column: String, separator: String, from: String) -> String {
        switch self {
        case .sqlite:
            "(SELECT group_concat(\(column), '\(separator)') FROM (SELECT \(column) FROM \(from) ORDER BY \(column)))"
        case .postgres:
            "(SELECT string_agg(\(column)::text, '\(separator)' ORDER BY \(column)) FROM \(from))"
        }
    }

    /// A statement that counts the tables named `?` (one argument).
    package var tableExists: String {
        switch self {
        case .sqlite: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
        case .postgres: "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"
        }
    }

    /// The names of the store's own tables, sorted (the catalogue: no search-index shadow
    /// tables, no SQLite internals).
    package var tableNames: String {
        switch self {
        case .sqlite:
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        case .postgres:
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        }
    }

    /// Case-insensitive (for ASCII) `LIKE`, as SQLite's `LIKE` is.
    package var like: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgres: "ILIKE"
        }
    }

    /// Null-safe equality (`a IS b`: true when both are null), for `a \(isSame) ?`.
    package var isSame: String {
        switch self {
        case .sqlite: "IS"
        case .postgres: "IS NOT DISTINCT FROM"
        }
    }
}
