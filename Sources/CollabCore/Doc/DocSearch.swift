/// The text index of documents: titles, and the words of text-like documents up to
/// `maxIndexedSize` (FTS5 with accents folded; the only SQLite-only part of the domain).
package enum DocSearch {
    /// Larger text documents are found by title only.
    package static let maxIndexedSize: Int64 = 8 << 20

    /// A subquery of the ids of the documents matching one `?` match argument.
    static func matchingIds(_ dialect: Dialect) -> String {
        let search = FullText.search("doc_text", column: "body", position: 2, dialect)
        return "SELECT doc FROM \(search.from) WHERE \(search.condition)"
    }

    /// (Re)indexes a document's title and text.
    static func index(_ sql: SQL, _ doc: Document) throws {
        try remove(sql, doc.id)
        try sql.execute("INSERT INTO doc_text (doc, title, body) VALUES (?, ?, ?)", [.text(doc.id), .text(doc.title), .text(try text(sql, doc))])
    }

    /// Drops a document from the index.
    static func remove(_ sql: SQL, _ id: String) throws {
        try sql.execute("DELETE FROM doc_text WHERE doc = ?", [.text(id)])
    }

    /// The indexed text of a document's current version.
    static func text(_ sql: SQL, _ doc: Document) throws -> String {
        guard doc.size <= maxIndexedSize else { return "" }
        if MediaType.isText(doc.mediaType) {
            let bytes = try ContentStore.prefix(sql, doc.sha256, limit: Int(maxIndexedSize))
            let s = String(decoding: bytes, as: UTF8.self)
            return doc.mediaType == "text/html" ? stripTags(s) : s
        }
        if doc.mediaType == "application/pdf" { return try PDFText.extract(sql, doc.sha256) ?? "" }
        return ""
    }

    /// HTML without its tags (their names are not words of the document).
    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true; out.append(" ") } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }

    /// A search hit: the document and a short extract around the first match.
    package static func search(
        _ sql: SQL, _ actor: Actor, _ query: String, folder: String?, limit: Int?, _ body: (Document, String?) throws -> Bool
    ) throws {
        var (cond, args) = Documents.readableCondition(actor)
        let match = try FullText.match(query, sql.dialect)
        let search = FullText.search("doc_text", column: "body", position: 2, sql.dialect)
        var extra = ""
        if let folder {
            extra = " AND d.folder = ?"
            args.append(.text(try FolderPath.validate(folder)))
        }
        var lim = ""
        if let limit {
            lim = " LIMIT ?"
            args.append(.int(Int64(limit)))
        }
        try sql.each(
            """
            SELECT \(Document.aliasedColumns), \(search.snippet) FROM \(search.from) JOIN documents d ON d.id = doc_text.doc
            WHERE \(search.condition) AND \(cond)\(extra) ORDER BY \(search.rank), d.num\(lim)
            """, [.text(match)] + args
        ) { r in
            let snippet = r.string(15)
            return try body(Document.row(r), snippet.isEmpty ? nil : snippet)
        }
    }
}
