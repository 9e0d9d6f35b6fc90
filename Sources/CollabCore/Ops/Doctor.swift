/// `collab-admin doctor`: the store's health, check by check, and the repair of what is
/// derived (search indexes, orphan content). It never touches the audit chain.
package enum Doctor {
    /// One check's outcome.
    package struct Check: Sendable {
        package var id: String
        package var ok: Bool
        package var detail: String
        package var problems: [String] = []
        /// Whether `--repair` can fix it (derived data only).
        package var repairable = false

        /// The `check` record.
        package var record: JSONObject {
            var o = JSONObject([("type", .string("check")), ("id", .string(id)), ("ok", .bool(ok)), ("detail", .string(detail))])
            if !problems.isEmpty { o["problems"] = .array(problems.map { .string($0) }) }
            return o
        }
    }

    /// A full-text index and the rows it must hold (SQLite-only: FTS5, kept in this one place).
    struct Index {
        var table: String
        /// The content table and its rowid column.
        var content: String
        var key: String
        /// Which content rows must be indexed (the others may be).
        var indexed: String = "1 = 1"
    }

    /// The external-content indexes of the domains (see Migrations+Task, Migrations+Msg).
    static let indexes: [Index] = [
        Index(table: "tasks_fts", content: "tasks", key: "n"),
        // A deleted message (no body) is not indexed; a rebuild indexes it as empty.
        Index(table: "messages_fts", content: "messages", key: "num", indexed: "body IS NOT NULL"),
    ]

    /// The checks that read: integrity, the audit chain, the schema version, the rows of
    /// every search index, orphan content. One read transaction (writers go on).
    package static func readChecks(_ sql: SQL) throws -> [Check] {
        var out: [Check] = []
        out.append(guarded("integrity") {
            guard sql.dialect == .sqlite else {
                return Check(id: "integrity", ok: true, detail: "PostgreSQL store: the server checks its own pages (pg_amcheck reads them)")
            }
            let problems = try sql.all("PRAGMA integrity_check") { $0.string(0) }.filter { $0 != "ok" }
            return Check(
                id: "integrity", ok: problems.isEmpty,
                detail: problems.isEmpty ? "PRAGMA integrity_check: ok" : "PRAGMA integrity_check found \(problems.count) problem\(plural(problems.count))",
                problems: Array(problems.prefix(100)))
        })
        out.append(guarded("audit") {
            let r = try AuditLog.verify(sql)
            return Check(
                id: "audit", ok: r.ok,
                detail: r.ok ? "\(r.count) change\(plural(Int(r.count))) verified, head seq \(r.headSeq)"
                    : "the audit chain does not verify: \(r.problemCount) problem\(plural(r.problemCount)) (not repairable: restore a backup)",
                problems: r.problems.prefix(100).map { "seq \($0.seq): \($0.problem)" })
        })
        out.append(guarded("schema") {
            let text = try sql.string("SELECT value FROM meta WHERE key = 'schema_version'")
            let ok = text.flatMap { Int($0) } == Migrations.current
            return Check(
                id: "schema", ok: ok,
                detail: ok ? "schema version \(Migrations.current)" : "schema version \(text ?? "missing"), this program writes \(Migrations.current)")
        })
        if sql.dialect == .postgres {
            // tasks_fts is an index of `tasks` itself: nothing can drift.
            out.append(guarded("index:messages_fts") {
                let missing = try sql.int("SELECT count(*) FROM messages WHERE body IS NOT NULL AND num NOT IN (SELECT rowid FROM messages_fts)") ?? 0
                let stale = try sql.int("SELECT count(*) FROM messages_fts WHERE rowid NOT IN (SELECT num FROM messages WHERE body IS NOT NULL)") ?? 0
                return rowCheck("messages_fts", missing: missing, stale: stale, duplicates: 0)
            })
        }
        for index in indexes where sql.dialect == .sqlite {
            out.append(guarded("index:\(index.table)") {
                let missing = try sql.int(
                    "SELECT count(*) FROM \(index.content) WHERE \(index.indexed) AND \(index.key) NOT IN (SELECT id FROM \(index.table)_docsize)") ?? 0
                let stale = try sql.int("SELECT count(*) FROM \(index.table)_docsize WHERE id NOT IN (SELECT \(index.key) FROM \(index.content))") ?? 0
                return rowCheck(index.table, missing: missing, stale: stale, duplicates: 0)
            })
        }
        out.append(guarded("index:doc_text") {
            let missing = try sql.int("SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc FROM doc_text)") ?? 0
            let stale = try sql.int("SELECT count(*) FROM doc_text WHERE doc NOT IN (SELECT id FROM documents)") ?? 0
            let duplicates = try sql.int("SELECT count(*) FROM (SELECT doc FROM doc_text GROUP BY doc HAVING count(*) > 1) d") ?? 0
            return rowCheck("doc_text", missing: missing, stale: stale, duplicates: duplicates)
        })
        out.append(guarded("orphans") {
            let blobs = try sql.first("SELECT count(*), coalesce(sum(size), 0) FROM blobs WHERE \(orphanBlob)") { ($0.int(0), $0.int(1)) } ?? (0, 0)
            let chunks = try sql.int("SELECT count(*) FROM chunks WHERE \(orphanChunk)") ?? 0
            var problems: [String] = []
            if blobs.0 > 0 { problems.append("\(blobs.0) stored content\(plural(Int(blobs.0))) (\(blobs.1) bytes) that no document version refers to") }
            if chunks > 0 { problems.append("\(chunks) chunk\(plural(Int(chunks))) of content that does not exist") }
            var c = Check(
                id: "orphans", ok: problems.isEmpty,
                detail: problems.isEmpty ? "no orphan content" : problems.joined(separator: "; "), problems: problems)
            c.repairable = true
            return c
        })
        return out
    }

    /// The checks of each FTS5 index's own structure. FTS5's integrity-check is written as
    /// an INSERT, so it runs in a write transaction, rolled back by the caller.
    package static func indexStructureChecks(_ sql: SQL) -> [Check] {
        guard sql.dialect == .sqlite else { return [] }
        return (indexes.map(\.table) + ["doc_text"]).map { table in
            guarded("index:\(table)") {
                try sql.execute("INSERT INTO \(table) (\(table)) VALUES ('integrity-check')")
                var c = Check(id: "index:\(table)", ok: true, detail: "")
                c.repairable = true
                return c
            }
        }
    }

    /// Merges the structure checks into the row checks of the same index.
    package static func merge(_ checks: [Check], _ structure: [Check]) -> [Check] {
        checks.map { c in
            guard let s = structure.first(where: { $0.id == c.id }), !s.ok else { return c }
            var m = c
            m.ok = false
            m.repairable = true
            m.problems.append(contentsOf: s.problems)
            m.detail = c.ok ? s.detail : c.detail + "; " + s.detail
            return m
        }
    }

    /// Repairs what failed and is derived, inside the caller's transaction, recording each
    /// repair in the chain; returns the `repair` records.
    package static func repair(_ tx: Transaction, _ failed: [Check]) throws -> [JSONObject] {
        var done: [JSONObject] = []
        for check in failed where !check.ok && check.repairable {
            var action: String
            switch check.id {
            case "orphans":
                let blobs = try tx.sql.int("SELECT count(*) FROM blobs WHERE \(orphanBlob)") ?? 0
                let chunks = try tx.sql.int("SELECT count(*) FROM chunks WHERE \(orphanChunk) OR blob IN (SELECT id FROM blobs WHERE \(orphanBlob))") ?? 0
                try tx.sql.execute("DELETE FROM chunks WHERE \(orphanChunk) OR blob IN (SELECT id FROM blobs WHERE \(orphanBlob))")
                try tx.sql.execute("DELETE FROM blobs WHERE \(orphanBlob)")
                action = "removed \(blobs) orphan content\(plural(Int(blobs))) (\(chunks) chunk\(plural(Int(chunks))))"
            case "index:doc_text":
                try tx.sql.execute("DELETE FROM doc_text")
                var docs: [Document] = []
                try tx.sql.each("SELECT \(Document.columns) FROM documents ORDER BY num") { docs.append(Document.row($0)); return true }
                for doc in docs { try DocSearch.index(tx.sql, doc) }
                action = "rebuilt the document search index (\(docs.count) document\(plural(docs.count)))"
            case "index:messages_fts" where tx.sql.dialect == .postgres:
                try FullText.rebuildMessageIndex(tx.sql)
                action = "rebuilt the search index messages_fts"
            default:
                guard check.id.hasPrefix("index:"), let index = indexes.first(where: { "index:\($0.table)" == check.id }) else { continue }
                try tx.sql.execute("INSERT INTO \(index.table) (\(index.table)) VALUES ('rebuild')")
                action = "rebuilt the search index \(index.table)"
            }
            let record = JSONObject([
                ("type", .string("repair")), ("id", .string(check.id)), ("action", .string(action)), ("ts", .string(tx.timestamp)),
            ])
            try tx.record(.update, "repair", check.id, record)
            done.append(record)
        }
        return done
    }

    /// A blob no version refers to (or one left without a hash).
    static let orphanBlob = "sha256 IS NULL OR sha256 NOT IN (SELECT sha256 FROM versions)"
    /// A chunk whose blob is gone.
    static let orphanChunk = "blob NOT IN (SELECT id FROM blobs)"

    static func rowCheck(_ table: String, missing: Int64, stale: Int64, duplicates: Int64) -> Check {
        var problems: [String] = []
        if missing > 0 { problems.append("\(missing) row\(plural(Int(missing))) missing from the index") }
        if stale > 0 { problems.append("\(stale) indexed row\(plural(Int(stale))) no longer in the table") }
        if duplicates > 0 { problems.append("\(duplicates) row\(plural(Int(duplicates))) indexed more than once") }
        var c = Check(
            id: "index:\(table)", ok: problems.isEmpty,
            detail: problems.isEmpty ? "search index \(table) consistent with its table" : "search index \(table): " + problems.joined(separator: "; "),
            problems: problems)
        c.repairable = true
        return c
    }

    /// Runs a check; a failure of the check itself (a damaged table) fails it.
    static func guarded(_ id: String, _ body: () throws -> Check) -> Check {
        do { return try body() } catch {
            let message = (error as? CollabError)?.message ?? "\(error)"
            var c = Check(id: id, ok: false, detail: "the check could not run: \(message)", problems: [message])
            c.repairable = id.hasPrefix("index:") || id == "orphans"
            return c
        }
    }

    static func plural(_ n: Int) -> String { n == 1 ? "" : "s" }
}
