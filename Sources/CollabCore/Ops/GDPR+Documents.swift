extension GDPR {
    /// What an erasure did to documents.
    struct DocumentOutcome {
        var deleted: [String] = []
        var retained: [JSONObject] = []
        var mentioning: [String] = []
    }

    /// The person's documents: retained ones are kept whole and listed; every other one
    /// they own is deleted with its versions, circuits, decisions, tags, access entries,
    /// index entry and content (unless another version shares it). Other people's
    /// documents whose indexed text names them are listed (their content is not theirs to
    /// rewrite; the index is scrubbed later).
    static func documents(_ tx: Transaction, _ user: String, _ needles: [String]) throws -> DocumentOutcome {
        var out = DocumentOutcome()
        let owned = try tx.sql.all("SELECT \(Document.columns) FROM documents WHERE owner = ? ORDER BY num", [.text(user)]) {
            Document.row($0)
        }
        for doc in owned {
            if try isRetained(tx.sql, doc.id, tx.now) {
                var r = try doc.record(tx.sql)
                r["type"] = .string("retained")
                r["reason"] = .string("archived, kept until \(doc.retainUntil ?? "?")")
                out.retained.append(r)
            } else {
                try delete(tx, doc, needles)
                out.deleted.append(doc.id)
            }
        }
        let named = Redaction.condition("t.body", needles)
        let title = Redaction.condition("t.title", needles)
        try tx.sql.each(
            """
            SELECT t.doc, t.title, t.body FROM doc_text t JOIN documents d ON d.id = t.doc
            WHERE d.owner <> ? AND (\(named.sql) OR \(title.sql)) ORDER BY d.num
            """, [.text(user)] + named.args + title.args
        ) { r in
            if Redaction.mentions(r.string(1) + "\n" + r.string(2), needles) { out.mentioning.append(r.string(0)) }
            return true
        }
        return out
    }

    /// Deletes a document and everything hanging on it, recording each deletion (the
    /// records recorded are scrubbed of the person's name and email first).
    private static func delete(_ tx: Transaction, _ doc: Document, _ needles: [String]) throws {
        let id: [SQLValue] = [.text(doc.id)]
        let record = Redaction.scrub(try doc.record(tx.sql), needles)
        let circuits = try tx.sql.all("SELECT \(Circuit.columns) FROM circuits WHERE doc = ? ORDER BY num", id, Circuit.row)
        for c in circuits {
            let r = Redaction.scrub(try c.record(tx.sql), needles)
            let cid: [SQLValue] = [.text(c.id)]
            try tx.sql.execute("DELETE FROM decisions WHERE circuit = ?", cid)
            try tx.sql.execute("DELETE FROM step_principals WHERE circuit = ?", cid)
            try tx.sql.execute("DELETE FROM circuit_steps WHERE circuit = ?", cid)
            try tx.sql.execute("DELETE FROM circuits WHERE id = ?", cid)
            try tx.record(.delete, "circuit", c.id, r)
        }
        let versions = try tx.sql.all("SELECT \(Version.columns) FROM versions WHERE doc = ? ORDER BY n", id, Version.row)
        for v in versions { try tx.record(.delete, "version", "\(v.doc)@\(v.n)", Redaction.scrub(v.record, needles)) }
        try tx.sql.execute("DELETE FROM versions WHERE doc = ?", id)
        try tx.sql.execute("DELETE FROM doc_tags WHERE doc = ?", id)
        try tx.sql.execute("DELETE FROM acl WHERE space_type = 'doc' AND space_id = ?", id)
        try tx.sql.execute("DELETE FROM documents WHERE id = ?", id)
        try DocSearch.remove(tx.sql, doc.id)
        try ContentStore.collectGarbage(tx)
        try tx.record(.delete, "doc", doc.id, record)
    }
}
