extension Documents {
    /// Content to store: an open descriptor, the name it came from (for the media type and
    /// errors).
    package struct Source {
        package var fd: Int32
        package var name: String

        /// A source.
        package init(fd: Int32, name: String) {
            self.fd = fd
            self.name = name
        }
    }

    /// Adds a document to a folder (write access to the folder), as version 1, a draft.
    package static func add(
        _ tx: Transaction, _ actor: Actor, folder path: String, title: String, tags: [String], source: Source,
        note: String? = nil, key: String? = nil
    ) throws -> (Document, Version?) {
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "doc", key: key) {
            return (try requireDocument(tx.sql, existing), nil)
        }
        let folder = try requireFolder(tx.sql, try FolderPath.validate(path))
        try Access.require(actor, .write, in: folder.space, to: "add documents to '\(folder.id)'", tx.sql)
        let title = try checkedTitle(title)
        try folder.checkTitle(title)
        let tags = try tags.map { try Slug.validate($0, field: "tag") }
        let stored = try ContentStore.put(tx, reading: source.fd, name: source.name)
        let num = try tx.nextNumber("doc")
        let media = MediaType.guess(name: source.name == "-" ? title : source.name, head: stored.head)
        let doc = Document(
            id: SequenceId("doc").id(num), num: num, title: title, folder: folder.id, owner: actor.id, version: 1,
            size: stored.size, sha256: stored.sha256, mediaType: media, status: .draft, lockedBy: nil, retainUntil: nil,
            rev: 1, created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO documents (\(Document.columns)) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, 'draft', NULL, NULL, 1, ?, ?)",
            [.text(doc.id), .int(num), .text(title), .text(folder.id), .text(actor.id), .int(doc.size), .text(doc.sha256),
             .text(media), .text(doc.created), .text(doc.updated)])
        for tag in Set(tags) { try tx.sql.execute("INSERT INTO doc_tags (doc, tag) VALUES (?, ?)", [.text(doc.id), .text(tag)]) }
        let v = try insertVersion(tx, doc, note: note)
        if let key { try ExternalKeys.bind(tx, type: "doc", key: key, id: doc.id) }
        try tx.record(.create, "doc", doc.id, try doc.record(tx.sql))
        try tx.record(.create, "version", v.record["id"]!.stringValue!, v.record)
        try DocSearch.index(tx.sql, doc)
        return (doc, v)
    }

    /// Stores a new version of a document (write access; not locked by another, not in a
    /// circuit, not archived). Approved or rejected documents return to draft. The same
    /// content as the current version changes nothing.
    package static func update(
        _ tx: Transaction, _ actor: Actor, _ text: String, source: Source, note: String?, ifRev: Int64?
    ) throws -> (Document, Version?) {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .write, doc, to: "update \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        try checkChangeable(doc, actor, "update")
        if doc.status == .inCircuit {
            throw CollabError.conflict("cannot update \(doc.id): its version \(doc.version) is frozen in a circuit")
        }
        let stored = try ContentStore.put(tx, reading: source.fd, name: source.name)
        if stored.sha256 == doc.sha256 { return (doc, nil) }
        doc.version += 1
        doc.size = stored.size
        doc.sha256 = stored.sha256
        doc.mediaType = MediaType.guess(name: source.name == "-" ? doc.title : source.name, head: stored.head)
        doc.status = .draft
        let v = try insertVersion(tx, doc, note: note)
        try saveDocument(tx, &doc)
        try tx.record(.create, "version", v.record["id"]!.stringValue!, v.record)
        try DocSearch.index(tx.sql, doc)
        return (doc, v)
    }

    private static func insertVersion(_ tx: Transaction, _ doc: Document, note: String?) throws -> Version {
        let v = Version(
            doc: doc.id, n: doc.version, sha256: doc.sha256, size: doc.size, mediaType: doc.mediaType, author: tx.actor,
            ts: tx.timestamp, note: note)
        try tx.sql.execute(
            "INSERT INTO versions (\(Version.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(v.doc), .int(v.n), .text(v.sha256), .int(v.size), .text(v.mediaType), .text(v.author), .text(v.ts),
             .text(v.note)])
        return v
    }

    static func checkedTitle(_ title: String) throws -> String {
        let t = title.trimmingSpaces
        guard !t.isEmpty else { throw CollabError.invalid("title", title, "a title cannot be empty") }
        guard !t.contains("\n") else { throw CollabError.invalid("title", title, "a title is one line") }
        return t
    }

    /// Bumps the document's rev, saves it and records the change.
    static func saveDocument(_ tx: Transaction, _ d: inout Document) throws {
        d.rev += 1
        d.updated = tx.timestamp
        try tx.sql.execute(
            """
            UPDATE documents SET title = ?, folder = ?, version = ?, size = ?, sha256 = ?, media_type = ?, status = ?,
            locked_by = ?, retain_until = ?, rev = ?, updated = ? WHERE id = ?
            """,
            [.text(d.title), .text(d.folder), .int(d.version), .int(d.size), .text(d.sha256), .text(d.mediaType),
             .text(d.status.rawValue), .text(d.lockedBy), .text(d.retainUntil), .int(d.rev), .text(d.updated), .text(d.id)])
        try tx.record(.update, "doc", d.id, try d.record(tx.sql))
    }
}
