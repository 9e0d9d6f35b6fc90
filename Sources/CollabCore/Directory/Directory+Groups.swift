extension Directory {
    /// Creates a group (SPEC §3 idempotency, as for users). `members` are added to it.
    package static func addGroup(
        _ tx: Transaction, _ actor: Actor, id: String, name: String?, members: [String] = [], key: String? = nil,
        update: Bool = false
    ) throws -> (Group, WriteOutcome) {
        try Access.requireAdmin(actor, "add groups")
        _ = try Slug.validate(id)
        if let name, name.trimmingSpaces.isEmpty { throw CollabError.invalid("name", name, "a name cannot be empty") }
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "group", key: key) {
            return (try requireGroup(tx.sql, existing), .unchanged)
        }
        var outcome = WriteOutcome.unchanged
        if var g = try group(tx.sql, id) {
            if let name, name != g.name {
                guard update else { throw CollabError.conflict("group '\(id)' exists with another name: use --update to change it") }
                g.name = name
                g.rev += 1
                g.updated = tx.timestamp
                try tx.sql.execute(
                    "UPDATE groups SET name = ?, rev = ?, updated = ? WHERE id = ?",
                    [.text(g.name), .int(g.rev), .text(g.updated), .text(id)])
                try tx.record(.update, "group", id, g.record)
                outcome = .updated
            }
        } else {
            try insertGroup(tx, id: id, name: name ?? id)
            outcome = .created
        }
        if let key { try ExternalKeys.bind(tx, type: "group", key: key, id: id) }
        if !members.isEmpty {
            let (_, changed) = try changeMembers(tx, actor, group: id, add: members, remove: [])
            if changed && outcome == .unchanged { outcome = .updated }
        }
        return (try requireGroup(tx.sql, id), outcome)
    }

    /// Adds and removes members. Each user whose groups change gets its own change record
    /// (membership lives on the user). Returns the group and whether anything changed.
    package static func changeMembers(
        _ tx: Transaction, _ actor: Actor, group id: String, add: [String], remove: [String]
    ) throws -> (Group, Bool) {
        try Access.requireAdmin(actor, "change group members")
        _ = try requireGroup(tx.sql, id)
        var changed = false
        for (uid, adding) in add.map({ ($0, true) }) + remove.map({ ($0, false) }) {
            var u = try requireUser(tx.sql, uid)
            var groups = Set(u.groups)
            if adding { groups.insert(id) } else { groups.remove(id) }
            if groups == Set(u.groups) { continue }
            try setGroups(tx, &u, groups)
            _ = try save(tx, u, op: .update)
            changed = true
        }
        return (try requireGroup(tx.sql, id), changed)
    }

    /// Creates a group with this id if it does not exist (named after its id).
    static func ensureGroup(_ tx: Transaction, _ id: String) throws {
        if try tx.sql.int("SELECT 1 FROM groups WHERE id = ?", [.text(id)]) == nil {
            try insertGroup(tx, id: id, name: id)
        }
    }

    private static func insertGroup(_ tx: Transaction, id: String, name: String) throws {
        try tx.sql.execute(
            "INSERT INTO groups (id, name, rev, created, updated) VALUES (?, ?, 1, ?, ?)",
            [.text(id), .text(name), .text(tx.timestamp), .text(tx.timestamp)])
        let g = Group(id: id, name: name, members: [], rev: 1, created: tx.timestamp, updated: tx.timestamp)
        try tx.record(.create, "group", id, g.record)
    }
}
