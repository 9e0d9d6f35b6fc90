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

    // MARK: The catalogue, for copying a whole store (collab-admin migrate-store)

    /// A statement listing the columns of the table named `?` that hold data (generated
    /// columns left out), in their order: name, then the column's 1-based position in the
    /// primary key (0 when it is not part of it), then its declared type in upper case.
    package var columns: String {
        switch self {
        case .sqlite: "SELECT name, pk, upper(type) FROM pragma_table_info(?) ORDER BY cid"
        case .postgres:
            """
            SELECT a.attname, coalesce(array_position(i.indkey::int2[], a.attnum) + 1, 0), upper(format_type(a.atttypid, NULL))
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace
              AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum
            """
        }
    }

    /// A statement listing every foreign key of the store's tables, one row per column:
    /// table, constraint (a number or name, the same for the columns of one key), column,
    /// referenced table, referenced column (null on SQLite when it is the primary key).
    package var foreignKeys: String {
        switch self {
        case .sqlite:
            """
            SELECT m.name, f.id, f."from", f."table", f."to"
            FROM sqlite_master m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq
            """
        case .postgres:
            """
            SELECT src.relname, c.conname, a.attname, dst.relname, b.attname
            FROM pg_constraint c
            JOIN pg_class src ON src.oid = c.conrelid JOIN pg_class dst ON dst.oid = c.confrelid
            CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(ck, fk, n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.ck
            JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = k.fk
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            ORDER BY src.relname, c.conname, k.n
            """
        }
    }

    /// A statement listing the columns that number themselves (table, column): PostgreSQL's
    /// identity columns, whose sequence must be moved past rows copied with their number;
    /// nil on SQLite, where an `INTEGER PRIMARY KEY` takes the next number after the largest.
    package var identityColumns: String? {
        switch self {
        case .sqlite: nil
        case .postgres:
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name, column_name
            """
        }
    }

    /// The statement that moves the identity sequence of `table.column` past the largest
    /// value in it (PostgreSQL; nothing to do on SQLite).
    package func moveIdentity(_ table: String, _ column: String) -> String? {
        switch self {
        case .sqlite: nil
        case .postgres:
            """
            SELECT setval(pg_get_serial_sequence('"\(table)"', '\(column)'), max("\(column)")) FROM "\(table)" HAVING max("\(column)") IS NOT NULL
            """
        }
    }

    /// A statement listing the search tables that are ordinary tables (PostgreSQL's, with
    /// a generated `tsvector` column); nil on SQLite, whose search tables are FTS5 virtual
    /// tables (`Redaction.searchTables`).
    package var plainSearchTables: String? {
        switch self {
        case .sqlite: nil
        case .postgres:
            """
            SELECT DISTINCT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type = 'tsvector' ORDER BY table_name
            """
        }
    }

    /// The statements that rebuild, after a bulk copy, the search indexes that follow
    /// their table by themselves (SQLite's `tasks_fts`, kept by triggers; PostgreSQL's is
    /// an expression index on `tasks`: nothing to do).
    package var rebuildFollowingIndexes: [String] {
        switch self {
        case .sqlite: ["INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild')"]
        case .postgres: []
        }
    }
}
