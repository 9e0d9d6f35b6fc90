#if canImport(Glibc)
import Glibc
#endif
internal import CSystemLibraries
internal import Crypto
internal import GRDB

/// `collab-admin migrate-store`: moves a whole store, its audit chain included, from one
/// place to another (SQLite file or PostgreSQL database, either way), and verifies it.
///
/// The source is read in one snapshot (one read transaction). The target must be empty: no
/// table at all, or a collab schema without any data (what a failed migration on
/// PostgreSQL leaves behind). It is brought to the current schema with `Store.create`,
/// then every write to it is one transaction of the store's write path (on PostgreSQL,
/// under the store's advisory lock): the tables copied column by column, parents before
/// children, rows in primary-key order; the search indexes rebuilt; the identity
/// sequences moved past the copied numbers; the row counts, every value (by digest) and
/// the audit chain verified;
/// and one `migration` change appended to the copied chain. Any failure rolls the whole
/// transaction back, and a target file this command created is removed.
package enum StoreMigration {
    /// How many source rows are read per query (PostgreSQL reads a result whole).
    static let pageSize = 5000
    /// At most this many rows per INSERT, and this many arguments (SQLite allows 32,766,
    /// PostgreSQL 65,535).
    static let insertRows = 200
    static let maxArguments = 30000

    /// Reads a `--from` or `--to` argument: `sqlite:PATH`, a file path, or a PostgreSQL
    /// URL (`postgres://…`, `postgresql://…`). Anything else is exit 78.
    package static func location(_ text: String, option: String, environment: [String: String]) throws -> StoreLocation {
        guard !text.isEmpty else { throw CollabError(.config, "invalid \(option) '': expected sqlite:PATH or a postgresql:// URL") }
        if StoreLocation.isPostgresURL(text) {
            try PGConnection.loadLibrary()
            var error: UnsafeMutablePointer<CChar>?
            guard let options = PQconninfoParse(text, &error) else {
                var why = error.map { String(cString: $0) } ?? "malformed URL"
                if let error { PQfreemem(error) }
                while why.last?.isWhitespace == true { why.removeLast() }
                throw CollabError(.config, "invalid \(option) '\(StoreLocation(url: text).path)': \(why)")
            }
            PQconninfoFree(options)
            return StoreLocation(url: text)
        }
        if text.contains("://") {
            throw CollabError(.config, "invalid \(option) '\(text)': expected sqlite:PATH or a postgresql:// URL")
        }
        do {
            return try StoreLocation.resolve(option: text, environment: environment)
        } catch let e as CollabError {
            throw CollabError(.config, "invalid \(option) '\(text)': \(e.message)")
        }
    }

    /// Copies the store at `from` into the empty store at `to`, as the admin `actorId` of
    /// the source. Returns the `migration` record printed (the one recorded in the chain,
    /// with the target's new head hash and the time it took).
    package static func migrate(
        from: StoreLocation, to: StoreLocation, actor actorId: String, now: Instant, busyTimeout: Double
    ) throws -> JSONObject {
        let started = monotonic()
        if from == to || (from.url == nil && to.url == nil && sameFile(from.path, to.path)) {
            throw CollabError.conflict("the source and the target are the same store '\(to.path)'")
        }
        let source = try Store.open(from, readOnly: true, busyTimeout: busyTimeout)
        let actor = try source.read { try Directory.actor($0, actorId) }
        try Access.requireAdmin(actor, "migrate the store")

        let createdFile = !to.isPostgres && !to.exists
        try refuseOccupied(to, busyTimeout: busyTimeout)
        var done = false
        defer { if createdFile && !done { to.remove() } }
        let (target, _) = try Store.create(to, busyTimeout: busyTimeout)

        var record = JSONObject()
        var headHash = ""
        try source.read { src in
            let (r, h) = try target.write(actor: actor.id, now: now) { tx in
                try copy(src, into: tx, from: from, to: to)
            }.result
            record = r
            headHash = h
        }
        done = true
        var printed = record
        printed["head_hash"] = .string(headHash)
        printed["seconds"] = .double(((monotonic() - started) * 1000).rounded() / 1000)
        return printed
    }

    // MARK: The copy

    /// One table to copy: its columns (with their place in the primary key) and its
    /// single-column foreign keys to itself (column → referenced column).
    struct Table {
        var name: String
        var columns: [String]
        var primaryKey: [Int]
        var selfReferences: [(column: Int, referenced: Int)]
    }

    /// Everything inside the target's one write transaction. Returns the migration
    /// record and the new head hash.
    static func copy(_ src: SQL, into tx: Transaction, from: StoreLocation, to: StoreLocation) throws -> (JSONObject, String) {
        let sql = tx.sql
        let tables = try plan(src)
        let targetTables = Set(try dataTables(sql))
        let missing = tables.map(\.name).filter { !targetTables.contains($0) }
        guard missing.isEmpty else {
            throw CollabError(.internal, "the target has no table \(missing.joined(separator: ", ")) after its schema was created (please report)")
        }
        // The new schema's own bookkeeping (its version) gives way to the source's, but for
        // what belongs to the target's server (its role prefix), put back after the checks.
        let serverMeta = try sql.all(
            "SELECT key, value FROM meta WHERE key IN (\(serverMetaKeys.map { "'\($0)'" }.joined(separator: ", ")))"
        ) { ($0.string(0), $0.string(1)) }
        for t in tables.reversed() { try sql.execute("DELETE FROM \(quoted(t.name))") }

        var counts: [(String, Int64)] = []
        var digests: [(Table, Digest)] = []
        for t in tables {
            let targetColumns = Set(try sql.all(sql.dialect.columns, [.text(t.name)]) { $0.string(0) })
            if let c = t.columns.first(where: { !targetColumns.contains($0) }) {
                throw CollabError(.internal, "the target's table \(t.name) has no column \(c) (please report)")
            }
            let (n, digest) = try copyRows(t, src, sql)
            counts.append((t.name, n))
            digests.append((t, digest))
        }
        try rebuildSearch(src, sql)
        if let query = sql.dialect.identityColumns {
            for (table, column) in try sql.all(query, [], { ($0.string(0), $0.string(1)) }) where targetTables.contains(table) {
                if let move = sql.dialect.moveIdentity(table, column) { try sql.execute(move) }
            }
        }

        // Verification, before anything is committed.
        var differing: [String] = []
        for (table, copied) in counts {
            let inSource = try src.int("SELECT count(*) FROM \(quoted(table))") ?? 0
            let inTarget = try sql.int("SELECT count(*) FROM \(quoted(table))") ?? 0
            if inSource != copied || inTarget != copied {
                differing.append("\(table) (source \(inSource), target \(inTarget))")
            }
        }
        guard differing.isEmpty else {
            throw CollabError(.badInput, "verification failed: row counts differ in \(differing.joined(separator: ", ")); nothing was written")
        }
        // Every value, read back from the target.
        for (t, expected) in digests {
            var digest = Digest()
            _ = try scan(t, sql) { digest.add($0) }
            if digest != expected { differing.append(t.name) }
        }
        guard differing.isEmpty else {
            throw CollabError(
                .badInput,
                "verification failed: the target holds other values than the source in \(differing.joined(separator: ", ")) (text with NUL characters, or values of another type than their column's); nothing was written")
        }
        let sourceHead = try ChangeLog.readHead(src)
        let report = try AuditLog.verify(sql)
        guard report.ok, report.headSeq == sourceHead.seq, report.headHash == sourceHead.hash else {
            let first = report.problems.first.map { " (seq \($0.seq): \($0.problem))" } ?? ""
            let sourceOK = (try? AuditLog.verify(src).ok) ?? false
            throw CollabError(
                .badInput,
                "verification failed: the copied audit chain does not verify\(first)"
                    + (sourceOK ? "" : "; the source's own chain fails 'collab-admin audit verify'") + "; nothing was written")
        }

        for key in serverMetaKeys { try sql.execute("DELETE FROM meta WHERE key = ?", [.text(key)]) }
        for (key, value) in serverMeta { try sql.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [.text(key), .text(value)]) }

        let seq = sourceHead.seq + 1
        let id = "migration-\(seq)"
        var tablesObject = JSONObject()
        for (table, n) in counts.sorted(by: { $0.0 < $1.0 }) { tablesObject[table] = .int(n) }
        let record = JSONObject([
            ("type", .string("migration")), ("id", .string(id)), ("from", .string(describe(from))), ("to", .string(describe(to))),
            ("schema", .int(Int64(Migrations.current))), ("tables", .object(tablesObject)),
            ("rows", .int(counts.reduce(0) { $0 + $1.1 })), ("changes", .int(report.count)),
            ("source_seq", .int(sourceHead.seq)), ("source_hash", .string(sourceHead.hash)), ("seq", .int(seq)),
            ("ts", .string(tx.timestamp)),
        ])
        try tx.record(.create, "migration", id, record)
        return (record, tx.head?.hash ?? "")
    }

    /// The tables to copy, parents before children (then by name), with their columns
    /// and keys read from the source's catalogue.
    static func plan(_ src: SQL) throws -> [Table] {
        let names = try dataTables(src)
        let known = Set(names)
        var keys: [String: [(constraint: String, column: String, parent: String, parentColumn: String?)]] = [:]
        try src.each(src.dialect.foreignKeys) { r in
            keys[r.string(0), default: []].append((r.string(1), r.string(2), r.string(3), r.optString(4)))
            return true
        }
        var tables: [String: Table] = [:]
        for name in names {
            var columns: [String] = []
            var pk: [(Int64, Int)] = []
            try src.each(src.dialect.columns, [.text(name)]) { r in
                if r.int(1) > 0 { pk.append((r.int(1), columns.count)) }
                columns.append(r.string(0))
                return true
            }
            let primaryKey = pk.sorted { $0.0 < $1.0 }.map(\.1)
            var selfReferences: [(Int, Int)] = []
            let own = keys[name, default: []].filter { $0.parent == name }
            for constraint in Set(own.map(\.constraint)) {
                let parts = own.filter { $0.constraint == constraint }
                guard parts.count == 1, let c = columns.firstIndex(of: parts[0].column) else { continue }
                let referenced = parts[0].parentColumn.flatMap { columns.firstIndex(of: $0) } ?? primaryKey.first
                if let referenced { selfReferences.append((c, referenced)) }
            }
            tables[name] = Table(name: name, columns: columns, primaryKey: primaryKey, selfReferences: selfReferences)
        }
        // Parents first: a table comes once every table it refers to (but itself) is placed.
        var parents: [String: Set<String>] = [:]
        for name in names {
            parents[name] = Set(keys[name, default: []].map(\.parent).filter { $0 != name && known.contains($0) })
        }
        var ordered: [Table] = []
        var placed = Set<String>()
        while ordered.count < names.count {
            guard let next = names.first(where: { !placed.contains($0) && parents[$0]!.isSubset(of: placed) }) else {
                let left = names.filter { !placed.contains($0) }
                throw CollabError(.internal, "the foreign keys of \(left.joined(separator: ", ")) form a cycle (please report)")
            }
            placed.insert(next)
            ordered.append(tables[next]!)
        }
        return ordered
    }

    /// Reads every row of `t` in `sql`, in primary-key order, a page at a time (a
    /// PostgreSQL result is read whole: pages keep memory flat); returns how many.
    static func scan(_ t: Table, _ sql: SQL, _ body: ([SQLValue]) throws -> Void) throws -> Int64 {
        let list = t.columns.map(quoted).joined(separator: ", ")
        let keyList = t.primaryKey.map { quoted(t.columns[$0]) }.joined(separator: ", ")
        let order = t.primaryKey.isEmpty ? (1...t.columns.count).map(String.init).joined(separator: ", ") : keyList
        let first = "SELECT \(list) FROM \(quoted(t.name)) ORDER BY \(order)" + (t.primaryKey.isEmpty ? "" : " LIMIT \(pageSize)")
        let after =
            "SELECT \(list) FROM \(quoted(t.name)) WHERE (\(keyList)) > (\(t.primaryKey.map { _ in "?" }.joined(separator: ", "))) ORDER BY \(order) LIMIT \(pageSize)"
        var count: Int64 = 0
        var last: [SQLValue]?
        while true {
            var n = 0
            try sql.each(last == nil ? first : after, last ?? []) { row in
                let values = (0..<t.columns.count).map { row[$0] }
                try body(values)
                last = t.primaryKey.map { values[$0] }
                n += 1
                return true
            }
            count += Int64(n)
            if t.primaryKey.isEmpty || n < pageSize { return count }
        }
    }

    /// Copies one table's rows in primary-key order; returns how many and the digest of
    /// their values. A row whose reference to its own table points to a row not copied
    /// yet is written without it, and the reference is set once the whole table is there.
    static func copyRows(_ t: Table, _ src: SQL, _ sql: SQL) throws -> (rows: Int64, digest: Digest) {
        let list = t.columns.map(quoted).joined(separator: ", ")
        let tuple = "(" + t.columns.map { _ in "?" }.joined(separator: ", ") + ")"
        // Several rows per INSERT (fewer round trips to a server), within both databases'
        // limits on arguments per statement.
        let perInsert = max(1, min(insertRows, maxArguments / t.columns.count))
        func insert(_ rows: Int) -> String {
            "INSERT INTO \(quoted(t.name)) (\(list)) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")
        }
        let fullInsert = insert(perInsert)
        var seen = Set<String>()
        var later: [(key: [SQLValue], column: Int, value: SQLValue)] = []
        var digest = Digest()
        var batch: [SQLValue] = []
        var batchRows = 0
        var batchFirst: [SQLValue] = [], batchLast: [SQLValue] = []
        func flush() throws {
            guard batchRows > 0 else { return }
            do { try sql.execute(batchRows == perInsert ? fullInsert : insert(batchRows), batch) } catch let e as CollabError where e.kind == .internal {
                throw refused(t, batchFirst, batchLast, e)
            }
            batch.removeAll(keepingCapacity: true)
            batchRows = 0
        }
        let count = try scan(t, src) { original in
            digest.add(original)
            var values = original
            // Rows of one INSERT are checked together at its end: a reference to a row
            // earlier in the same INSERT holds.
            for (c, _) in t.selfReferences where values[c] != .null && !seen.contains(key(values[c])) {
                later.append((t.primaryKey.map { original[$0] }, c, values[c]))
                values[c] = .null
            }
            for (_, r) in t.selfReferences { seen.insert(key(original[r])) }
            batchLast = t.primaryKey.map { original[$0] }
            if batchRows == 0 { batchFirst = batchLast }
            batch += values
            batchRows += 1
            if batchRows == perInsert { try flush() }
        }
        try flush()
        let match = t.primaryKey.map { "\(quoted(t.columns[$0])) = ?" }.joined(separator: " AND ")
        for (k, c, value) in later {
            do {
                try sql.execute("UPDATE \(quoted(t.name)) SET \(quoted(t.columns[c])) = ? WHERE \(match)", [value] + k)
            } catch let e as CollabError where e.kind == .internal {
                throw CollabError(.badInput, "the target refuses \(t.name).\(t.columns[c]) = \(describe(value)): \(e.message)")
            }
        }
        return (count, digest)
    }

    /// An order-free digest of a table's rows: the XOR of each row's SHA-256 (rows are
    /// unique by their primary key), over every value with its kind, so that a value the
    /// target stores differently (cut, converted) is found.
    struct Digest: Equatable {
        var bytes = [UInt8](repeating: 0, count: 32)

        mutating func add(_ row: [SQLValue]) {
            var hasher = SHA256()
            for v in row {
                switch v {
                case .null: hasher.update(data: [0])
                case .int(let i): hasher.update(data: [1] + withUnsafeBytes(of: i.littleEndian, Array.init))
                case .real(let d): hasher.update(data: [2] + withUnsafeBytes(of: d.bitPattern.littleEndian, Array.init))
                case .text(let s):
                    let u = Array(s.utf8)
                    hasher.update(data: [3] + withUnsafeBytes(of: Int64(u.count).littleEndian, Array.init) + u)
                case .blob(let b): hasher.update(data: [4] + withUnsafeBytes(of: Int64(b.count).littleEndian, Array.init) + b)
                }
            }
            for (i, b) in hasher.finalize().enumerated() { bytes[i] ^= b }
        }
    }

    /// Fills the target's search indexes: those that follow their table (tasks) are
    /// rebuilt; the message index is made from the copied messages that have a body; the
    /// document index, which keeps the documents' extracted text, is copied from the source.
    static func rebuildSearch(_ src: SQL, _ sql: SQL) throws {
        for statement in sql.dialect.rebuildFollowingIndexes { try sql.execute(statement) }
        let has = { (s: SQL, table: String) in try (s.int(s.dialect.tableExists, [.text(table)]) ?? 0) > 0 }
        if try has(sql, "messages_fts") {
            try sql.execute("INSERT INTO messages_fts (rowid, body) SELECT num, body FROM messages WHERE body IS NOT NULL ORDER BY num")
        }
        if try has(sql, "doc_text"), try has(src, "doc_text") {
            try src.each("SELECT doc, title, body FROM doc_text ORDER BY doc") { r in
                try sql.execute("INSERT INTO doc_text (doc, title, body) VALUES (?, ?, ?)", [r[0], r[1], r[2]])
                return true
            }
        }
    }

    // MARK: The target

    /// The store's own tables, without the search indexes (rebuilt, not copied): SQLite's
    /// FTS5 tables and their shadow tables, PostgreSQL's tables with a `tsvector` column;
    /// and without what belongs to a server rather than to the store's data: the mapping
    /// of database roles (`db_roles`), which are the server's objects.
    static func dataTables(_ sql: SQL) throws -> [String] {
        var search = try Redaction.searchTables(sql).map(\.name)
        if let query = sql.dialect.plainSearchTables { search += try sql.all(query) { $0.string(0) } }
        return try sql.all(sql.dialect.tableNames) { $0.string(0) }.filter { name in
            !serverTables.contains(name) && !search.contains { name == $0 || name.hasPrefix($0 + "_") }
        }
    }

    /// Tables of a PostgreSQL server's own (database roles): never copied.
    static let serverTables: Set<String> = ["db_roles"]
    /// `meta` keys of the target's server (the prefix of its role names): the target
    /// keeps its own.
    static let serverMetaKeys = [RowSecurity.prefixKey]

    /// Refuses a target that holds anything (exit 73): it must have no table, or be a
    /// collab schema without data.
    static func refuseOccupied(_ location: StoreLocation, busyTimeout: Double) throws {
        let occupied = { (why: String) in
            CollabError.conflict("the target '\(location.path)' is not empty (\(why)): migrate-store writes only into a new or empty store")
        }
        let check = { (sql: SQL) throws in
            let tables = try sql.all(sql.dialect.tableNames) { $0.string(0) }
            if tables.isEmpty { return }
            guard tables.contains("meta") else { throw occupied("it has tables that are not a collab store's: \(tables.prefix(3).joined(separator: ", "))") }
            for table in try dataTables(sql) {
                let n = try sql.int(table == "meta" ? "SELECT count(*) FROM meta WHERE key NOT IN ('schema_version', \(serverMetaKeys.map { "'\($0)'" }.joined(separator: ", ")))" : "SELECT count(*) FROM \(quoted(table))") ?? 0
                if n > 0 { throw occupied("its table \(table) has \(n) row\(n == 1 ? "" : "s")") }
            }
        }
        if let url = location.url {
            try check(SQL(pg: try PGConnection(url, readOnly: true, busyTimeout: busyTimeout)))
            return
        }
        guard location.exists else { return }
        var info = stat()
        if stat(location.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG { throw occupied("it is not a file") }
        if info.st_size == 0 { return }
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(busyTimeout)
            let queue = try DatabaseQueue(path: location.path, configuration: config)
            try queue.read { db in try check(SQL(db: db)) }
        } catch let e as DatabaseError {
            if e.resultCode == .SQLITE_NOTADB { throw occupied("it is not an SQLite database") }
            throw StoreErrors.map(e)
        }
    }

    // MARK: Helpers

    static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A value as a set member (self-references).
    static func key(_ v: SQLValue) -> String {
        switch v {
        case .null: "n"
        case .int(let i): "i\(i)"
        case .real(let d): "r\(d)"
        case .text(let s): "t" + s
        case .blob(let b): "b" + b.map { String($0) }.joined(separator: ",")
        }
    }

    static func describe(_ v: SQLValue) -> String {
        switch v {
        case .null: "null"
        case .int(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): "'\(s.prefix(40))'"
        case .blob(let b): "\(b.count) bytes"
        }
    }

    /// The target's refusal of source rows (a constraint they break), exit 65: the
    /// primary keys of the first and last rows of the refused INSERT.
    static func refused(_ t: Table, _ first: [SQLValue], _ last: [SQLValue], _ e: CollabError) -> CollabError {
        func keys(_ values: [SQLValue]) -> String {
            zip(t.primaryKey, values).map { "\(t.columns[$0.0]) \(describe($0.1))" }.joined(separator: ", ")
        }
        let range = t.primaryKey.isEmpty || first.isEmpty ? "" : first == last ? " (\(keys(first)))" : " (from \(keys(first)) to \(keys(last)))"
        var message = e.message
        if message.hasPrefix("database error: ") { message.removeFirst("database error: ".count) }
        if message.hasSuffix(" (please report)") { message.removeLast(" (please report)".count) }
        return CollabError(.badInput, "the target refuses rows of \(t.name)\(range): \(message); nothing was written")
    }

    /// How a store is named in the record: `sqlite:/abs/path` or the URL without password.
    static func describe(_ location: StoreLocation) -> String {
        location.isPostgres ? location.path : "sqlite:" + Backup.absolute(location.path)
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return a == b }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
