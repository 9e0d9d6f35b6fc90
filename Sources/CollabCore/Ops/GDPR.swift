/// GDPR (issue 8): a person's data exported (`export`) or erased (`erase`).
///
/// Erasure anonymises the person everywhere in one transaction: their user record (name
/// replaced by `Redaction.marker`, email removed, disabled), their own free text (message
/// and comment bodies), every other text that names them (full name or email, as whole
/// words), the records kept in past change entries (through `Redaction.redact`, so the
/// chain still verifies), the documents they own (deleted unless retained) and the search
/// indexes (rebuilt). The user id stays: it is hashed into the chain.
package enum GDPR {
    /// What an erasure did, for printing.
    package struct Erasure: Sendable {
        /// The `erasure` record (also kept in the chain and in the `erasures` table).
        package var record: JSONObject
        /// One `erasure_item` record per kind of thing touched.
        package var items: [JSONObject]
        /// The documents kept because they are retained (`retained` records).
        package var retained: [JSONObject]
        /// Whether the person had already been erased (nothing was done).
        package var already: Bool
    }

    /// Whether a document must be kept by an erasure: under a legal hold (`collab-admin
    /// hold`), or archived with `retain_until` still in the future. The one place this rule
    /// lives.
    package static func isRetained(_ sql: SQL, _ docId: String, _ now: Instant) throws -> Bool {
        guard let (status, until) = try sql.first(
            "SELECT status, retain_until FROM documents WHERE id = ?", [.text(docId)], { ($0.string(0), $0.optString(1)) })
        else { return false }
        // A legal hold (on the document or a folder above it) keeps it whatever its status.
        if try Holds.isHeld(sql, type: "doc", id: docId) { return true }
        guard status == DocStatus.archived.rawValue, let until, let end = RFC3339.parse(until) else { return false }
        return end > now
    }

    /// The texts an erasure looks for: the full name (unless it is the id itself, which
    /// stays, or shorter than 3 characters) and the email.
    package static func needles(_ user: User) -> [String] {
        var out: [String] = []
        let name = user.name.trimmingSpaces
        if name != user.id && name.count >= 3 && name != Redaction.marker { out.append(name) }
        if let email = user.email?.trimmingSpaces, !email.isEmpty { out.append(email) }
        return out
    }

    /// Erases `userId` (admin only). A person already erased is a no-op (exit 0), which
    /// prints the first erasure again. Erasing the last active admin is refused (73).
    package static func erase(_ tx: Transaction, _ actor: Actor, _ userId: String) throws -> Erasure {
        try Access.requireAdmin(actor, "erase users")
        // Freed pages and cells are overwritten with zeros from here on (SPEC §8). On
        // PostgreSQL, the VACUUM that follows the erasure frees the old row versions.
        if tx.sql.dialect == .sqlite { try tx.sql.execute("PRAGMA secure_delete = ON") }
        var user = try Directory.requireUser(tx.sql, userId)
        if let text = try tx.sql.string("SELECT record FROM erasures WHERE user_id = ?", [.text(user.id)]) {
            var record = (try? JSONParser.parse(text))?.objectValue ?? JSONObject()
            record["already"] = .bool(true)
            return Erasure(record: record, items: [], retained: [], already: true)
        }
        try Directory.checkNotLastAdmin(tx.sql, user, losing: "status")
        let needles = needles(user)
        let num = try tx.nextNumber("erasure")
        let id = "era-\(num)"
        var items: [JSONObject] = []
        func item(_ kind: String, _ count: Int, ids: [String] = [], _ note: String) {
            guard count > 0 else { return }
            var o = JSONObject([
                ("type", .string("erasure_item")), ("id", .string("\(id)/\(kind)")), ("erasure", .string(id)),
                ("kind", .string(kind)), ("count", .int(Int64(count))),
            ])
            if !ids.isEmpty { o.set("ids", ids) }
            o["note"] = .string(note)
            items.append(o)
        }

        let docs = try documents(tx, user.id, needles)
        item("documents_deleted", docs.deleted.count, ids: docs.deleted, "documents they owned, with their versions, circuits and content")
        item("documents_mentioning", docs.mentioning.count, ids: docs.mentioning,
             "other people's documents whose text names them: kept, content unchanged, search index scrubbed")
        item("messages", try ownText(tx, user.id), "their message bodies replaced by \(Redaction.marker)")
        item("comments", try ownComments(tx, user.id), "their comment bodies replaced by \(Redaction.marker)")

        try DatabaseRoles.drop(tx, user.id)
        user.name = Redaction.marker
        user.email = nil
        user.status = .disabled
        _ = try Directory.save(tx, user, op: .update)
        item("user", 1, ids: [user.id], "name replaced, email removed, disabled; the id stays (it is in the audit chain)")

        let keys = Redaction.condition("key", needles)
        try tx.sql.execute("DELETE FROM ext_keys WHERE (type = 'user' AND id = ?) OR \(keys.sql)", [.text(user.id)] + keys.args)
        item("external_keys", tx.sql.changes, "external keys of the user or naming them, removed")

        for (table, rows) in try Redaction.scrubTables(tx, needles, skipping: ["users", "ext_keys", "erasures"]) {
            item("text:\(table)", rows, "rows of \(table) whose text named them (name or email replaced)")
        }

        let info = JSONObject([("at", .string(tx.timestamp)), ("by", .string(actor.id)), ("erasure", .string(id))])
        // Every entry so far, this erasure's document deletions included (the erasure's own
        // record comes after).
        let redacted = try redactChain(tx, user.id, needles, upTo: try AuditLog.lastSeq(tx.sql), info: info)
        item("changes", redacted.count, "past change entries rewritten (record_hash kept): see 'audit verify'")
        let search = try Redaction.rebuildSearchIndexes(tx, scrubbing: needles)
        item("search_indexes", search.indexes.count, ids: search.indexes,
             "full-text indexes rebuilt from scratch (\(search.scrubbed) indexed texts that named them scrubbed first)")

        var record = JSONObject([
            ("type", .string("erasure")), ("id", .string(id)), ("user", .string(user.id)), ("by", .string(actor.id)),
            ("ts", .string(tx.timestamp)),
        ])
        record["counts"] = .object(JSONObject(items.map { ($0["kind"]!.stringValue!, $0["count"]!) }))
        record.set("retained", docs.retained.map { $0["id"]?.stringValue ?? "" })
        try tx.sql.execute(
            "INSERT INTO erasures (id, num, user_id, by_user, ts, record) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(id), .int(num), .text(user.id), .text(actor.id), .text(tx.timestamp), .text(JSONWriter.compact(record))])
        try tx.record(.create, "erasure", id, record)
        return Erasure(record: record, items: items, retained: docs.retained, already: false)
    }

    /// Replaces the bodies of the person's messages by the marker (tombstones stay empty).
    private static func ownText(_ tx: Transaction, _ user: String) throws -> Int {
        let messages = try tx.sql.all(
            "SELECT \(Message.columns) FROM messages m WHERE m.author = ? AND m.body IS NOT NULL ORDER BY m.num", [.text(user)],
            Message.row)
        for var m in messages {
            m.body = Redaction.marker
            m.rev += 1
            m.updated = tx.timestamp
            try tx.sql.execute(
                "UPDATE messages SET body = ?, rev = ?, updated = ? WHERE num = ?",
                [.text(Redaction.marker), .int(m.rev), .text(m.updated), .int(m.num)])
            try tx.record(.update, "message", m.id, m.record)
        }
        return messages.count
    }

    /// Replaces the bodies of the person's comments by the marker.
    private static func ownComments(_ tx: Transaction, _ user: String) throws -> Int {
        let comments = try tx.sql.all("SELECT n, on_id, ts FROM comments WHERE author = ? ORDER BY n", [.text(user)]) {
            ($0.int(0), $0.string(1), $0.string(2))
        }
        for (n, on, ts) in comments {
            try tx.sql.execute("UPDATE comments SET body = ? WHERE n = ?", [.text(Redaction.marker), .int(n)])
            try tx.record(.update, "comment", Comments.ids.id(n), Comments.record(n: n, on: on, author: user, ts: ts, body: Redaction.marker))
        }
        return comments.count
    }

    /// Rewrites the past change entries about the person: their user records (name
    /// replaced, email removed), their messages' and comments' bodies, and any record
    /// whose text names them.
    private static func redactChain(
        _ tx: Transaction, _ user: String, _ needles: [String], upTo lastSeq: Int64, info: JSONObject
    ) throws -> [Int64] {
        let named = Redaction.condition("record", needles)
        let condition = """
            seq <= ? AND ((rtype = 'user' AND rid = ?)
              OR (rtype IN ('message', 'comment') AND (actor = ? OR record LIKE ? ESCAPE '\\'))
              OR \(named.sql))
            """
        let authored = Redaction.likePattern("\"author\":\"\(user)\"")
        return try Redaction.redact(
            tx, where: condition, [.int(lastSeq), .text(user), .text(user), .text(authored)] + named.args, info: info
        ) { record, type, id in
            var r = record
            if type == "user" && id == user {
                r["name"] = .string(Redaction.marker)
                r["email"] = nil
            }
            if (type == "message" || type == "comment"), r["author"]?.stringValue == user, r["body"]?.stringValue != nil {
                r["body"] = .string(Redaction.marker)
            }
            return Redaction.scrub(r, needles)
        }
    }
}
