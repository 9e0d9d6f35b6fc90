extension Documents {
    /// Moves a document to another folder and/or renames it (write access to the document
    /// and to the target folder; the target's naming pattern applies to the title).
    package static func move(
        _ tx: Transaction, _ actor: Actor, _ text: String, to target: String?, title: String?, ifRev: Int64?
    ) throws -> Document {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .write, doc, to: "move \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        try checkChangeable(doc, actor, "move")
        var folder = try requireFolder(tx.sql, doc.folder)
        if let target {
            folder = try requireFolder(tx.sql, try FolderPath.validate(target))
            if folder.id != doc.folder {
                try Access.require(actor, .write, in: folder.space, to: "move documents to '\(folder.id)'", tx.sql)
            }
        }
        let newTitle = try title.map(checkedTitle) ?? doc.title
        guard folder.id != doc.folder || newTitle != doc.title else { return doc }
        try folder.checkTitle(newTitle)
        doc.folder = folder.id
        doc.title = newTitle
        try saveDocument(tx, &doc)
        try DocSearch.index(tx.sql, doc)
        return doc
    }

    /// Adds tags to a document (or removes them).
    package static func tag(
        _ tx: Transaction, _ actor: Actor, _ text: String, _ tags: [String], remove: Bool, ifRev: Int64?
    ) throws -> Document {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .write, doc, to: "tag \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        try checkChangeable(doc, actor, "tag")
        var changed = false
        for tag in tags {
            let t = try Slug.validate(tag, field: "tag")
            if remove {
                try tx.sql.execute("DELETE FROM doc_tags WHERE doc = ? AND tag = ?", [.text(doc.id), .text(t)])
            } else {
                try tx.sql.execute("INSERT INTO doc_tags (doc, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", [.text(doc.id), .text(t)])
            }
            if tx.sql.changes > 0 { changed = true }
        }
        if changed { try saveDocument(tx, &doc) }
        return doc
    }

    /// Adds entries to a document's own access list (or removes them): manage access.
    package static func share(
        _ tx: Transaction, _ actor: Actor, _ text: String, _ entries: [AccessEntry], revoke: Bool, ifRev: Int64?
    ) throws -> Document {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .manage, doc, to: "share \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        var changed = false
        for e in entries {
            if revoke ? try Access.revoke(tx, doc.space, e.principal) : try Access.grant(tx, doc.space, e) { changed = true }
        }
        if changed { try saveDocument(tx, &doc) }
        return doc
    }

    /// Locks a document for the acting user (write access); someone else's lock is a
    /// conflict. Locking it again changes nothing.
    package static func lock(_ tx: Transaction, _ actor: Actor, _ text: String, ifRev: Int64?) throws -> Document {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .write, doc, to: "lock \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        try checkChangeable(doc, actor, "lock")
        guard doc.lockedBy == nil else { return doc }
        doc.lockedBy = actor.id
        try saveDocument(tx, &doc)
        return doc
    }

    /// Unlocks a document. Someone else's lock is a conflict unless `force` by a user with
    /// manage access.
    package static func unlock(_ tx: Transaction, _ actor: Actor, _ text: String, force: Bool, ifRev: Int64?) throws -> Document {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .write, doc, to: "unlock \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        guard let holder = doc.lockedBy else { return doc }
        if holder != actor.id {
            guard force else { throw CollabError.conflict("\(doc.id) is locked by \(holder): only they may unlock it (or a manager with --force)") }
            try require(tx.sql, actor, .manage, doc, to: "break the lock of \(holder) on \(doc.id)")
        }
        doc.lockedBy = nil
        try saveDocument(tx, &doc)
        return doc
    }

    /// Deletes a draft (manage access: its owner or a manager of its folder), its versions
    /// and its content when no other version shares it. Returns the record as it was.
    package static func delete(_ tx: Transaction, _ actor: Actor, _ text: String) throws -> JSONObject {
        let doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .manage, doc, to: "delete \(doc.id)")
        try Holds.check(tx.sql, type: "doc", id: doc.id)
        if doc.status == .archived, let until = doc.retainUntil {
            throw CollabError.conflict("cannot delete \(doc.id): it is archived and kept until \(until)")
        }
        try checkChangeable(doc, actor, "delete")
        guard doc.status == .draft else {
            throw CollabError.conflict("cannot delete \(doc.id): it is \(doc.status.rawValue), and only drafts can be deleted")
        }
        // A draft may carry rejected circuits: they go with it (the chain keeps their history).
        try removeCircuits(tx, doc)
        return try removeRows(tx, doc)
    }

    /// Removes a document's rows (versions, tags, access list, text index, unshared
    /// content) and records its deletion; the caller has checked that it may go.
    static func removeRows(_ tx: Transaction, _ doc: Document) throws -> JSONObject {
        let record = try doc.record(tx.sql)
        let versions = try tx.sql.all("SELECT \(Version.columns) FROM versions WHERE doc = ? ORDER BY n", [.text(doc.id)], Version.row)
        for v in versions { try tx.record(.delete, "version", "\(v.doc)@\(v.n)", v.record) }
        try tx.sql.execute("DELETE FROM versions WHERE doc = ?", [.text(doc.id)])
        try tx.sql.execute("DELETE FROM doc_tags WHERE doc = ?", [.text(doc.id)])
        try tx.sql.execute("DELETE FROM acl WHERE space_type = 'doc' AND space_id = ?", [.text(doc.id)])
        try tx.sql.execute("DELETE FROM documents WHERE id = ?", [.text(doc.id)])
        try DocSearch.remove(tx.sql, doc.id)
        try ContentStore.collectGarbage(tx)
        try tx.record(.delete, "doc", doc.id, record)
        return record
    }
}
