extension Documents {
    /// Which documents to list.
    package struct Filter: Sendable {
        package var folder: String?
        package var tag: String?
        package var status: DocStatus?
        package var owner: String?
        package var query: String?
        package var limit: Int?

        /// A filter.
        package init(folder: String? = nil, tag: String? = nil, status: DocStatus? = nil, owner: String? = nil,
                     query: String? = nil, limit: Int? = nil) {
            self.folder = folder
            self.tag = tag
            self.status = status
            self.owner = owner
            self.query = query
            self.limit = limit
        }
    }

    /// Calls `body` with each document `actor` may read that passes the filter, in id
    /// order, streaming. Return false to stop.
    package static func eachDocument(_ sql: SQL, _ actor: Actor, _ filter: Filter, _ body: (Document) throws -> Bool) throws {
        var (cond, args) = readableCondition(actor)
        if let folder = filter.folder {
            cond += " AND d.folder = ?"
            args.append(.text(try FolderPath.validate(folder)))
        }
        if let tag = filter.tag {
            cond += " AND EXISTS (SELECT 1 FROM doc_tags t WHERE t.doc = d.id AND t.tag = ?)"
            args.append(.text(tag))
        }
        if let status = filter.status {
            cond += " AND d.status = ?"
            args.append(.text(status.rawValue))
        }
        if let owner = filter.owner {
            cond += " AND d.owner = ?"
            args.append(.text(owner))
        }
        if let query = filter.query {
            cond += " AND d.id IN (\(DocSearch.matchingIds(sql.dialect)))"
            args.append(.text(try FullText.match(query, sql.dialect)))
        }
        var limit = ""
        if let l = filter.limit {
            limit = " LIMIT ?"
            args.append(.int(Int64(l)))
        }
        try sql.each("SELECT \(Document.aliasedColumns) FROM documents d WHERE \(cond) ORDER BY d.num\(limit)", args) {
            try body(Document.row($0))
        }
    }

    /// Calls `body` with each version of a readable document, oldest first.
    package static func eachVersion(_ sql: SQL, _ actor: Actor, _ text: String, _ body: (Version) throws -> Bool) throws {
        let doc = try readableDocument(sql, actor, text)
        try sql.each("SELECT \(Version.columns) FROM versions WHERE doc = ? ORDER BY n", [.text(doc.id)]) { try body(Version.row($0)) }
    }

    /// Version `n` of a document (the current one when nil), or a not-found error.
    package static func version(_ sql: SQL, _ doc: Document, _ n: Int64?) throws -> Version {
        let n = n ?? doc.version
        guard let v = try sql.first(
            "SELECT \(Version.columns) FROM versions WHERE doc = ? AND n = ?", [.text(doc.id), .int(n)], Version.row)
        else { throw CollabError.notFound("version", "\(doc.id)@\(n)") }
        return v
    }
}
