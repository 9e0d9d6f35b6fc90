/// Legal holds: a hold on a document, a folder (with everything under it) or a channel
/// (with its messages) blocks every deletion of what it covers until it is lifted. Every
/// deleting path asks `check` (or `isHeld`) inside its transaction.
package enum Holds {
    /// Whether an active hold covers the record `type`/`id`: a `doc` (itself, its folder or
    /// an ancestor folder), a `folder` (itself or an ancestor), a `message` (its channel) or
    /// a `channel`. Other types are never held.
    package static func isHeld(_ sql: SQL, type: String, id: String) throws -> Bool {
        try holding(sql, type: type, id: id) != nil
    }

    /// The oldest active hold covering the record, if any.
    package static func holding(_ sql: SQL, type: String, id: String) throws -> Hold? {
        for (t, target) in try covering(sql, type: type, id: id) {
            let found = try sql.first(
                "SELECT \(Hold.columns) FROM holds WHERE target_type = ? AND target = ? AND lifted IS NULL ORDER BY num",
                [.text(t), .text(target)], Hold.row)
            if let found { return found }
        }
        return nil
    }

    /// Refuses (exit 73, naming the hold) to `action` a record under an active hold.
    package static func check(_ sql: SQL, type: String, id: String, action: String = "delete") throws {
        if let h = try holding(sql, type: type, id: id) {
            throw CollabError.conflict("cannot \(action) \(id): it is under legal hold \(h.id) (\(h.why)); an admin lifts it with 'collab-admin hold remove \(h.id)'")
        }
    }

    /// The targets whose hold would cover the record, nearest first.
    static func covering(_ sql: SQL, type: String, id: String) throws -> [(String, String)] {
        switch type {
        case "channel":
            return [("channel", id)]
        case "message":
            guard let n = try? SequenceId("msg").number(id),
                  let channel = try sql.string("SELECT channel FROM messages WHERE num = ?", [.int(n)])
            else { return [] }
            return [("channel", channel)]
        case "doc":
            guard let folder = try sql.string("SELECT folder FROM documents WHERE id = ?", [.text(id)]) else {
                return [("doc", id)]
            }
            return [("doc", id)] + folderChain(folder)
        case "folder":
            return folderChain(id)
        default:
            return []
        }
    }

    /// A folder and its ancestors, nearest first.
    static func folderChain(_ path: String) -> [(String, String)] {
        var out: [(String, String)] = []
        var p: String? = path
        while let current = p {
            out.append(("folder", current))
            p = FolderPath.parent(current)
        }
        return out
    }
}

extension Holds {
    /// What a hold applies to, read from `doc-7`, `/folder/path`, a channel slug, or an
    /// explicit `doc:`, `folder:` or `channel:` prefix; it must exist (exit 1 otherwise).
    package static func target(_ sql: SQL, _ text: String) throws -> (type: String, id: String) {
        var kind: String?
        var value = text
        for prefix in ["doc", "folder", "channel"] where text.hasPrefix(prefix + ":") {
            kind = prefix
            value = String(text.dropFirst(prefix.count + 1))
        }
        if kind == nil {
            if value.hasPrefix("/") { kind = "folder" }
            else if value.hasPrefix("doc-") { kind = "doc" }
            else { kind = "channel" }
        }
        switch kind! {
        case "folder":
            let path = try FolderPath.validate(value, field: "target")
            return ("folder", try Documents.requireFolder(sql, path).id)
        case "doc":
            return ("doc", try Documents.requireDocument(sql, value).id)
        default:
            let slug = try Slug.validate(value, field: "target")
            return ("channel", try Messaging.requireChannel(sql, slug).id)
        }
    }

    /// The hold with this id (`hold-3` or `3`), or exit 1.
    package static func require(_ sql: SQL, _ text: String) throws -> Hold {
        let n = try Hold.ids.number(text)
        guard let h = try sql.first("SELECT \(Hold.columns) FROM holds WHERE num = ?", [.int(n)], Hold.row) else {
            throw CollabError.notFound("hold", text)
        }
        return h
    }

    /// Places a hold (admins only). The same target held for the same reason and not yet
    /// lifted, or a repeated `key`, returns that hold unchanged.
    package static func add(_ tx: Transaction, _ actor: Actor, target text: String, why: String, key: String?) throws -> (Hold, WriteOutcome) {
        try Access.requireAdmin(actor, "place a legal hold")
        let reason = why.trimmingSpaces
        guard !reason.isEmpty else { throw CollabError.invalid("why", why, "a hold needs a reason") }
        if let key, let id = try ExternalKeys.lookup(tx.sql, type: "hold", key: key) {
            return (try require(tx.sql, id), .unchanged)
        }
        let (type, id) = try target(tx.sql, text)
        if let same = try tx.sql.first(
            "SELECT \(Hold.columns) FROM holds WHERE target_type = ? AND target = ? AND why = ? AND lifted IS NULL ORDER BY num",
            [.text(type), .text(id), .text(reason)], Hold.row)
        {
            return (same, .unchanged)
        }
        let h = Hold(
            num: try tx.nextNumber("hold"), targetType: type, target: id, why: reason, by: actor.id,
            rev: 1, created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO holds (num, target_type, target, why, by_user, rev, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.int(h.num), .text(type), .text(id), .text(reason), .text(actor.id), .int(1), .text(h.created), .text(h.updated)])
        if let key { try ExternalKeys.bind(tx, type: "hold", key: key, id: h.id) }
        try tx.record(.create, "hold", h.id, h.record)
        return (h, .created)
    }

    /// Lifts a hold (admins only); the hold stays listed with `--all`. Lifting a lifted
    /// hold changes nothing.
    package static func lift(_ tx: Transaction, _ actor: Actor, _ text: String, why: String?) throws -> (Hold, Bool) {
        try Access.requireAdmin(actor, "lift a legal hold")
        var h = try require(tx.sql, text)
        if h.lifted != nil { return (h, false) }
        h.lifted = tx.timestamp
        h.liftedBy = actor.id
        h.liftWhy = why.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        h.rev += 1
        h.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE holds SET lifted = ?, lifted_by = ?, lift_why = ?, rev = ?, updated = ? WHERE num = ?",
            [.text(h.lifted!), .text(actor.id), h.liftWhy.map(SQLValue.text) ?? .null, .int(h.rev), .text(h.updated), .int(h.num)])
        try tx.record(.update, "hold", h.id, h.record)
        return (h, true)
    }

    /// Calls `body` for each hold in id order (active ones only unless `all`); admins only.
    package static func each(_ sql: SQL, _ actor: Actor, all: Bool, _ body: (Hold) throws -> Bool) throws {
        try Access.requireAdmin(actor, "list legal holds")
        let condition = all ? "" : " WHERE lifted IS NULL"
        try sql.each("SELECT \(Hold.columns) FROM holds\(condition) ORDER BY num") { try body(Hold.row($0)) }
    }
}
