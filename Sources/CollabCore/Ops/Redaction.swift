/// The one way to take personal data out of the store after the fact (SPEC §8): rewrite
/// the records kept in past change entries, scrub text columns, rebuild the search
/// indexes. GDPR erasure uses it; retention may reuse it.
///
/// Matching is on whole words: an occurrence counts only when the characters around it are
/// not letters or digits, and letters compare ASCII-case-insensitively (other characters
/// exactly), like SQL `LIKE` in SQLite which preselects the rows.
package enum Redaction {
    /// The text put in place of what is removed.
    package static let marker = "[erased]"

    // MARK: Text

    /// `text` with every whole-word occurrence of any of `needles` replaced by `marker`
    /// (the same text when none occurs).
    package static func scrub(_ text: String, _ needles: [String], marker: String = marker) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        for needle in needles where !needle.isEmpty {
            let n = Array(needle.utf8)
            var out: [UInt8] = []
            var i = 0
            var hit = false
            while i < bytes.count {
                if i + n.count <= bytes.count, matches(bytes, at: i, n), isBoundary(bytes, before: i),
                    isBoundary(bytes, after: i + n.count)
                {
                    out.append(contentsOf: marker.utf8)
                    i += n.count
                    hit = true
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            if hit {
                bytes = out
                changed = true
            }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// Whether `text` holds a whole-word occurrence of one of `needles`.
    package static func mentions(_ text: String, _ needles: [String]) -> Bool {
        scrub(text, needles, marker: "") != text
    }

    /// Every string inside a JSON value scrubbed.
    package static func scrub(_ value: JSONValue, _ needles: [String]) -> JSONValue {
        switch value {
        case .string(let s): return .string(scrub(s, needles))
        case .array(let a): return .array(a.map { scrub($0, needles) })
        case .object(let o): return .object(scrub(o, needles))
        default: return value
        }
    }

    /// Every string inside a JSON object scrubbed (keys are left alone).
    package static func scrub(_ object: JSONObject, _ needles: [String]) -> JSONObject {
        var out = JSONObject()
        for (k, v) in object { out[k] = scrub(v, needles) }
        return out
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    private static func matches(_ bytes: [UInt8], at i: Int, _ n: [UInt8]) -> Bool {
        for j in 0..<n.count where lower(bytes[i + j]) != lower(n[j]) { return false }
        return true
    }

    /// A word character: an ASCII letter or digit, or any non-ASCII byte (accented letters).
    private static func isWord(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }

    private static func isBoundary(_ bytes: [UInt8], before i: Int) -> Bool {
        i == 0 || !isWord(bytes[i - 1])
    }

    private static func isBoundary(_ bytes: [UInt8], after i: Int) -> Bool {
        i >= bytes.count || !isWord(bytes[i])
    }

    // MARK: SQL preselection

    /// A `LIKE` pattern finding `needle` anywhere (with `\` as the escape character).
    package static func likePattern(_ needle: String) -> String {
        var p = "%"
        for ch in needle {
            if ch == "%" || ch == "_" || ch == "\\" { p.append("\\") }
            p.append(ch)
        }
        return p + "%"
    }

    /// An SQL condition true when `column` may mention one of `needles` (a preselection:
    /// `scrub` decides), with its arguments; "1 = 0" when there are no needles.
    package static func condition(_ column: String, _ needles: [String]) -> (sql: String, args: [SQLValue]) {
        let used = needles.filter { !$0.isEmpty }
        guard !used.isEmpty else { return ("1 = 0", []) }
        return (
            // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            "(" + used.map { _ in "lower(\(column)) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")",
            used.map { .text(likePattern(String($0.map { $0.isASCII ? Character($0.lowercased()) : $0 }))) }
        )
    }

    // MARK: The audit chain

    /// Rewrites the record kept in every change entry that matches `condition` (an SQL
    /// condition on the `changes` columns `seq, actor, op, rtype, rid, record`) with
    /// `transform(record, type, id)`, and marks it redacted with `info` (when, by whom,
    /// why). The entry's `record_hash` is kept, so the chain still verifies; entries the
    /// transform leaves unchanged are not touched. Returns the seqs rewritten, in order.
    package static func redact(
        _ tx: Transaction, where condition: String, _ args: [SQLValue], info: JSONObject,
        transform: (JSONObject, _ type: String, _ id: String) -> JSONObject
    ) throws -> [Int64] {
        var found: [(Int64, String, String, String)] = []
        try tx.sql.each("SELECT seq, rtype, rid, record FROM changes WHERE \(condition) ORDER BY seq", args) { r in
            found.append((r.int(0), r.string(1), r.string(2), r.string(3)))
            return true
        }
        let infoText = JSONWriter.compact(info)
        var done: [Int64] = []
        for (seq, type, id, text) in found {
            let record = (try? JSONParser.parse(text))?.objectValue ?? JSONObject([("unreadable", .string(text))])
            let after = transform(record, type, id)
            guard after != record else { continue }
            try tx.sql.execute(
                "UPDATE changes SET record = ?, redacted = ? WHERE seq = ?", [.text(JSONWriter.compact(after)), .text(infoText), .int(seq)])
            done.append(seq)
        }
        return done
    }

    // MARK: Tables

    /// Tables `scrubTables` never touches: the chain (see `redact`), bookkeeping, content
    /// chunks (bytes, kept or deleted whole) and SQLite's own.
    package static let untouchable: Set<String> = ["changes", "meta", "sequences", "blobs", "chunks"]

    /// Replaces whole-word occurrences of `needles` by `marker` in every text value of every
    /// ordinary table except `untouchable` and `skipping` (full-text tables and their
    /// shadow tables are rebuilt by `rebuildSearchIndexes` instead). Rows with `rev` and
    /// `updated` columns get their rev bumped. Returns how many rows changed per table.
    ///
    /// The list of tables and columns is read from the store's catalogue (SQLite's
    /// `sqlite_master` and `pragma_table_info`, PostgreSQL's `pg_catalog`, in `Dialect`), so
    /// that tables added later are covered without being named here.
    package static func scrubTables(
        _ tx: Transaction, _ needles: [String], skipping: Set<String> = []
    ) throws -> [(table: String, rows: Int)] {
        let needles = needles.filter { !$0.isEmpty }
        guard !needles.isEmpty else { return [] }
        let virtual = try searchTables(tx.sql).map(\.name)
        let tables = try tx.sql.all(tx.sql.dialect.tableNames) { $0.string(0) }.filter { name in
            !untouchable.contains(name) && !skipping.contains(name) && !virtual.contains { name == $0 || name.hasPrefix($0 + "_") }
        }
        var out: [(String, Int)] = []
        for table in tables {
            let n = try scrubTable(tx, table, needles)
            if n > 0 { out.append((table, n)) }
        }
        return out
    }

    /// A table's columns: name, declared type (upper case), position in the primary key.
    private static func columns(_ sql: SQL, _ table: String) throws -> [(name: String, type: String, pk: Int64)] {
        try sql.all(sql.dialect.columns, [.text(table)]) { (name: $0.string(0), type: $0.string(2), pk: $0.int(1)) }
    }

    private static func scrubTable(_ tx: Transaction, _ table: String, _ needles: [String]) throws -> Int {
        let columns = try columns(tx.sql, table)
        let text = columns.filter { $0.type.isEmpty || $0.type.contains("TEXT") || $0.type.contains("CHAR") || $0.type.contains("CLOB") }
            .map(\.name)
        guard !text.isEmpty else { return 0 }
        let names = Set(columns.map(\.name))
        let versioned = names.contains("rev") && names.contains("updated")
        // Rows are found again by rowid, or by primary key in a WITHOUT ROWID table; on
        // PostgreSQL by ctid (stable inside this transaction, each row updated once).
        let keys: [String]
        if tx.sql.dialect == .postgres {
            keys = ["ctid"]
        } else {
            let definition = try tx.sql.string("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]) ?? ""
            let withoutRowid = definition.uppercased().filter { $0 != " " && $0 != "\n" }.contains("WITHOUTROWID")
            keys = withoutRowid ? columns.filter { $0.pk > 0 }.sorted { $0.pk < $1.pk }.map { "\"\($0.name)\"" } : ["rowid"]
        }
        var conds: [String] = []
        var args: [SQLValue] = []
        for c in text {
            let cond = condition("\"\(c)\"", needles)
            conds.append(cond.sql)
            args += cond.args
        }
        let list = (keys + text.map { "\"\($0)\"" }).joined(separator: ", ")
        var rows: [([SQLValue], [String?])] = []
        try tx.sql.each("SELECT \(list) FROM \"\(table)\" WHERE \(conds.joined(separator: " OR "))", args) { r in
            rows.append(((0..<keys.count).map { r[$0] }, (0..<text.count).map { r.optString($0 + keys.count) }))
            return true
        }
        let match = keys.map { "\($0) = ?" }.joined(separator: " AND ")
        var changed = 0
        for (key, values) in rows {
            var sets: [String] = []
            var setArgs: [SQLValue] = []
            for (i, v) in values.enumerated() {
                guard let v else { continue }
                let s = scrub(v, needles)
                if s != v {
                    sets.append("\"\(text[i])\" = ?")
                    setArgs.append(.text(s))
                }
            }
            guard !sets.isEmpty else { continue }
            if versioned {
                sets += ["rev = rev + 1", "updated = ?"]
                setArgs.append(.text(tx.timestamp))
            }
            try tx.sql.execute("UPDATE \"\(table)\" SET \(sets.joined(separator: ", ")) WHERE \(match)", setArgs + key)
            changed += 1
        }
        return changed
    }

    // MARK: Search indexes

    /// A full-text table: its name and whether it keeps its own copy of the text (as
    /// opposed to indexing another table's, `content = '…'`).
    package struct SearchTable: Sendable {
        package var name: String
        package var ownsContent: Bool
    }

    /// The FTS5 tables of the store. PostgreSQL has none: its search tables are ordinary
    /// tables whose vectors are generated from their text (scrubbed with the rest), and
    /// the task index follows `tasks`.
    package static func searchTables(_ sql: SQL) throws -> [SearchTable] {
        guard sql.dialect == .sqlite else { return [] }
        return try sql.all("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name") { r in
            let def = r.string(1).lowercased().filter { $0 != " " && $0 != "\n" }
            return SearchTable(name: r.string(0), ownsContent: !def.contains(",content="))
        }
    }

    /// Scrubs the text kept by full-text tables that own their content, then rebuilds every
    /// full-text index from scratch, so that no word removed elsewhere survives in an index
    /// segment. Returns the indexes rebuilt and how many indexed rows were scrubbed.
    package static func rebuildSearchIndexes(_ tx: Transaction, scrubbing needles: [String]) throws -> (indexes: [String], scrubbed: Int) {
        if tx.sql.dialect == .postgres {
            // The message index keeps a copy of each body: made again from `messages`.
            // doc_text was scrubbed as a table, and the task index follows `tasks`.
            try FullText.rebuildMessageIndex(tx.sql)
            return (["messages_fts"], 0)
        }
        var scrubbed = 0
        var rebuilt: [String] = []
        for t in try searchTables(tx.sql) {
            if t.ownsContent {
                let columns = try tx.sql.all(tx.sql.dialect.columns, [.text(t.name)]) { $0.string(0) }
                var conds: [String] = []
                var args: [SQLValue] = []
                for c in columns {
                    let cond = condition("\"\(c)\"", needles)
                    conds.append(cond.sql)
                    args += cond.args
                }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                var rows: [(Int64, [String?])] = []
                try tx.sql.each("SELECT rowid, \(list) FROM \"\(t.name)\" WHERE \(conds.joined(separator: " OR "))", args) { r in
                    rows.append((r.int(0), (0..<columns.count).map { r.optString($0 + 1) }))
                    return true
                }
                for (rowid, values) in rows {
                    let after = values.map { $0.map { scrub($0, needles) } }
                    guard after != values else { continue }
                    let sets = columns.map { "\"\($0)\" = ?" }.joined(separator: ", ")
                    try tx.sql.execute(
                        "UPDATE \"\(t.name)\" SET \(sets) WHERE rowid = ?", after.map { $0.map(SQLValue.text) ?? .null } + [.int(rowid)])
                    scrubbed += 1
                }
            }
            try tx.sql.execute("INSERT INTO \"\(t.name)\" (\"\(t.name)\") VALUES ('rebuild')")
            rebuilt.append(t.name)
        }
        return (rebuilt, scrubbed)
    }
}
