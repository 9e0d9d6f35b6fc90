/// The document domain: folders, documents, versions, content (the rules every front end
/// shares). Every write takes the caller's transaction and records its changes.
package enum Documents {}

extension Documents {
    /// The folder at `path`, or nil.
    package static func folder(_ sql: SQL, _ path: String) throws -> Folder? {
        try sql.first("SELECT \(Folder.columns) FROM folders WHERE id = ?", [.text(path)], Folder.row)
    }

    /// The folder at `path`, or a not-found error.
    package static func requireFolder(_ sql: SQL, _ path: String) throws -> Folder {
        guard let f = try folder(sql, path) else { throw CollabError.notFound("folder", path) }
        return f
    }

    /// The folder at `path` if `actor` may read it (exit 77 otherwise).
    package static func readableFolder(_ sql: SQL, _ actor: Actor, _ path: String) throws -> Folder {
        let f = try requireFolder(sql, try FolderPath.validate(path))
        try Access.require(actor, .read, in: f.space, to: "read folder '\(path)'", sql)
        return f
    }

    /// Creates a folder. A top-level folder may be created by any member (its owner); a
    /// sub-folder needs write access to its parent. Same attributes again: no change; other
    /// attributes: a conflict unless `update` (which needs manage access).
    package static func addFolder(
        _ tx: Transaction, _ actor: Actor, path: String, title: String?, visibility: Visibility?, namePattern: String?,
        key: String?, update: Bool
    ) throws -> (Folder, WriteOutcome) {
        let path = try FolderPath.validate(path)
        if let title, title.trimmingSpaces.isEmpty { throw CollabError.invalid("title", title, "a title cannot be empty") }
        if let namePattern { _ = try FolderPath.regex(namePattern) }
        if visibility == .direct { throw CollabError.invalid("visibility", "direct", "a folder is public or private") }
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "folder", key: key) {
            return (try requireFolder(tx.sql, existing), .unchanged)
        }
        if var f = try folder(tx.sql, path) {
            var changed = false
            if let title, title != f.title { f.title = title; changed = true }
            if let visibility, visibility != f.visibility { f.visibility = visibility; changed = true }
            if let namePattern, namePattern != f.namePattern { f.namePattern = namePattern; changed = true }
            if let key { try ExternalKeys.bind(tx, type: "folder", key: key, id: path) }
            guard changed else { return (f, .unchanged) }
            guard update else { throw CollabError.conflict("folder '\(path)' exists with other attributes: use --update to change them") }
            try Access.require(actor, .manage, in: f.space, to: "change folder '\(path)'", tx.sql)
            try saveFolder(tx, &f)
            return (f, .updated)
        }
        if let parent = FolderPath.parent(path) {
            guard let p = try folder(tx.sql, parent) else {
                throw CollabError(.notFound, "folder '\(parent)' not found: create the parent folder first")
            }
            try Access.require(actor, .write, in: p.space, to: "add a folder in '\(parent)'", tx.sql)
        } else if actor.role == .guest {
            throw CollabError.denied("\(actor.id) may not add a top-level folder: guests work in folders shared with them")
        }
        let f = Folder(
            id: path, title: title ?? String(path.split(separator: "/").last ?? ""), visibility: visibility ?? .private,
            owner: actor.id, namePattern: namePattern, rev: 1, created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO folders (\(Folder.columns)) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            [.text(f.id), .text(f.title), .text(f.visibility.rawValue), .text(f.owner), .text(f.namePattern),
             .text(f.created), .text(f.updated)])
        if let key { try ExternalKeys.bind(tx, type: "folder", key: key, id: path) }
        try tx.record(.create, "folder", f.id, try f.record(tx.sql))
        return (f, .created)
    }

    /// Bumps the folder's rev, saves it and records the change.
    static func saveFolder(_ tx: Transaction, _ f: inout Folder) throws {
        f.rev += 1
        f.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE folders SET title = ?, visibility = ?, name_pattern = ?, rev = ?, updated = ? WHERE id = ?",
            [.text(f.title), .text(f.visibility.rawValue), .text(f.namePattern), .int(f.rev), .text(f.updated), .text(f.id)])
        try tx.record(.update, "folder", f.id, try f.record(tx.sql))
    }

    /// Adds (or with `revoke`, removes) access entries of a folder (manage access needed).
    package static func shareFolder(
        _ tx: Transaction, _ actor: Actor, _ path: String, _ entries: [AccessEntry], revoke: Bool, ifRev: Int64? = nil
    ) throws -> Folder {
        var f = try requireFolder(tx.sql, try FolderPath.validate(path))
        try Access.require(actor, .manage, in: f.space, to: "share folder '\(f.id)'", tx.sql)
        try Revisions.check("folder", f.id, current: f.rev, expected: ifRev)
        var changed = false
        for e in entries {
            if revoke ? try Access.revoke(tx, f.space, e.principal) : try Access.grant(tx, f.space, e) { changed = true }
        }
        if changed { try saveFolder(tx, &f) }
        return f
    }

    /// Sets or clears a folder's naming pattern (manage access needed). Documents already
    /// there are not checked again; new titles are.
    package static func setPolicy(
        _ tx: Transaction, _ actor: Actor, _ path: String, namePattern: String?, ifRev: Int64? = nil
    ) throws -> Folder {
        var f = try requireFolder(tx.sql, try FolderPath.validate(path))
        try Access.require(actor, .manage, in: f.space, to: "change the policy of folder '\(f.id)'", tx.sql)
        try Revisions.check("folder", f.id, current: f.rev, expected: ifRev)
        if let namePattern { _ = try FolderPath.regex(namePattern) }
        if namePattern != f.namePattern {
            f.namePattern = namePattern
            try saveFolder(tx, &f)
        }
        return f
    }

    /// Calls `body` with each folder `actor` may read, in path order (optionally under a
    /// path), streaming. Return false to stop.
    package static func eachFolder(_ sql: SQL, _ actor: Actor, under: String?, _ body: (Folder) throws -> Bool) throws {
        let (cond, args) = Access.readableCondition(
            actor, spaceType: "folder", idColumn: "folders.id", visibilityColumn: "folders.visibility", ownerColumn: "folders.owner")
        var where_ = cond
        var all = args
        if let under {
            let u = try FolderPath.validate(under, field: "under")
            where_ += " AND (folders.id = ? OR substr(folders.id, 1, ?) = ?)"
            all += [.text(u), .int(Int64(u.utf8.count + 1)), .text(u + "/")]
        }
        try sql.each("SELECT \(Folder.columns) FROM folders WHERE \(where_) ORDER BY id", all) { try body(Folder.row($0)) }
    }
}
