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
                try delete(tx, doc)
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

    /// Deletes a document and everything hanging on it, through the document program's own
    /// removal (each deletion recorded; `erase` then scrubs those records of the person's
    /// name and email with the rest of the chain).
    private static func delete(_ tx: Transaction, _ doc: Document) throws {
        try Documents.removeCircuits(tx, doc)
        _ = try Documents.removeRows(tx, doc)
    }
}
