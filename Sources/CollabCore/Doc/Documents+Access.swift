extension Documents {
    /// The document with this id (`doc-7` or `7`), or a not-found error.
    package static func requireDocument(_ sql: SQL, _ text: String) throws -> Document {
        let id = SequenceId("doc").id(try SequenceId("doc").number(text))
        guard let d = try sql.first("SELECT \(Document.columns) FROM documents WHERE id = ?", [.text(id)], { Document.row($0) }) else {
            throw CollabError.notFound("doc", text)
        }
        return d
    }

    /// The level `actor` has on a document: the better of its folder's and its own list's.
    package static func level(_ sql: SQL, _ actor: Actor, _ doc: Document) throws -> AccessLevel? {
        let folder = try requireFolder(sql, doc.folder)
        let a = try Access.level(actor, in: folder.space, sql)
        let b = try Access.level(actor, in: doc.space, sql)
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil), (nil, let x?): return x
        case (let x?, let y?): return max(x, y)
        }
    }

    /// Refuses (exit 77) unless `actor` has at least `needed` on the document.
    package static func require(_ sql: SQL, _ actor: Actor, _ needed: AccessLevel, _ doc: Document, to action: String) throws {
        guard let have = try level(sql, actor, doc), have >= needed else {
            throw CollabError.denied(
                "\(actor.id) may not \(action): \(needed.rawValue) access to \(doc.id) (or its folder '\(doc.folder)') is needed")
        }
    }

    /// The document `text` if `actor` may read it.
    package static func readableDocument(_ sql: SQL, _ actor: Actor, _ text: String) throws -> Document {
        let d = try requireDocument(sql, text)
        try require(sql, actor, .read, d, to: "read \(d.id)")
        return d
    }

    /// Refuses (exit 73) a change to a document locked by someone else or archived.
    static func checkChangeable(_ doc: Document, _ actor: Actor, _ action: String) throws {
        if let holder = doc.lockedBy, holder != actor.id {
            throw CollabError.conflict("cannot \(action) \(doc.id): it is locked by \(holder)")
        }
        if doc.status == .archived {
            throw CollabError.conflict("cannot \(action) \(doc.id): it is archived (read-only)")
        }
    }

    /// An SQL condition keeping the documents `actor` may read (alias `d`): their own, those
    /// of a readable folder, those shared with them by name or through a group.
    static func readableCondition(_ actor: Actor) -> (String, [SQLValue]) {
        if actor.isAdmin { return ("1 = 1", []) }
        let (f, fargs) = Access.readableCondition(
            actor, spaceType: "folder", idColumn: "folders.id", visibilityColumn: "folders.visibility",
            ownerColumn: "folders.owner")
        let (d, dargs) = Access.readableCondition(
            actor, spaceType: "doc", idColumn: "d.id", visibilityColumn: "'private'", ownerColumn: "d.owner")
        return ("(d.folder IN (SELECT folders.id FROM folders WHERE \(f)) OR \(d))", fargs + dargs)
    }
}
