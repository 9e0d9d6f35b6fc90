/// How much a principal may do in a space.
package enum AccessLevel: String, Sendable, CaseIterable, Comparable {
    case read, write, manage

    var rank: Int {
        switch self {
        case .read: 1
        case .write: 2
        case .manage: 3
        }
    }

    package static func < (a: AccessLevel, b: AccessLevel) -> Bool { a.rank < b.rank }
}

/// Who a space is open to.
package enum Visibility: String, Sendable, CaseIterable {
    case `public`, `private`, direct
}

/// A space (SPEC §7): a channel, project, folder or calendar, with its visibility, its
/// owner, and its access list in the shared `acl` table.
package struct Space: Sendable, Equatable {
    /// The kind of space: `channel`, `project`, `folder`, `calendar`.
    package var type: String
    package var id: String
    package var visibility: Visibility
    package var owner: String?

    /// A space.
    package init(type: String, id: String, visibility: Visibility, owner: String? = nil) {
        self.type = type
        self.id = id
        self.visibility = visibility
        self.owner = owner
    }
}

/// One entry of an access list: a user or a group and its level.
package struct AccessEntry: Sendable, Equatable, Hashable {
    package enum Principal: Sendable, Equatable, Hashable {
        case user(String)
        case group(String)
    }

    package var principal: Principal
    package var level: AccessLevel

    /// An entry.
    package init(_ principal: Principal, _ level: AccessLevel) {
        self.principal = principal
        self.level = level
    }

    /// Parses `alice`, `alice:write`, `group:rh`, `group:rh:manage` (level defaults to read).
    package static func parse(_ text: String) throws -> AccessEntry {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var isGroup = false
        if parts.first == "group" || parts.first == "user" {
            isGroup = parts.removeFirst() == "group"
        }
        guard (1...2).contains(parts.count) else {
            throw CollabError.invalid("share", text, "expected USER[:LEVEL] or group:GROUP[:LEVEL]")
        }
        let id = try Slug.validate(parts[0], field: "share")
        var level = AccessLevel.read
        if parts.count == 2 {
            guard let l = AccessLevel(rawValue: parts[1]) else {
                throw CollabError.invalid("share", text, "the level is read, write or manage")
            }
            level = l
        }
        return AccessEntry(isGroup ? .group(id) : .user(id), level)
    }

    /// The entry as JSON (`{"user":"alice","level":"write"}`), as spaces show their `acl`.
    package var json: JSONValue {
        switch principal {
        case .user(let u): .object(JSONObject([("user", .string(u)), ("level", .string(level.rawValue))]))
        case .group(let g): .object(JSONObject([("group", .string(g)), ("level", .string(level.rawValue))]))
        }
    }
}

/// The one permission check every program uses.
package enum Access {
    /// The level `actor` has in `space`: admins manage everything; the owner manages; the
    /// access list gives its levels (to the user or one of their groups); a public space
    /// gives `publicLevel` to members (never to guests); otherwise nothing.
    package static func level(_ actor: Actor, in space: Space, publicLevel: AccessLevel = .read, _ sql: SQL) throws -> AccessLevel? {
        if actor.isAdmin || space.owner == actor.id { return .manage }
        var best: AccessLevel?
        if space.visibility == .public && actor.role != .guest { best = publicLevel }
        for entry in try entries(sql, space) {
            let applies: Bool
            switch entry.principal {
            case .user(let u): applies = u == actor.id
            case .group(let g): applies = actor.groups.contains(g)
            }
            if applies, best.map({ entry.level > $0 }) ?? true { best = entry.level }
        }
        return best
    }

    /// Refuses (exit 77) unless `actor` has at least `needed` in `space`.
    package static func require(
        _ actor: Actor, _ needed: AccessLevel, in space: Space, to action: String, publicLevel: AccessLevel = .read, _ sql: SQL
    ) throws {
        let have = try level(actor, in: space, publicLevel: publicLevel, sql)
        guard let have, have >= needed else {
            throw CollabError.denied("\(actor.id) may not \(action): \(needed.rawValue) access to \(space.type) '\(space.id)' is needed")
        }
    }

    /// Refuses (exit 77) unless `actor` is an admin.
    package static func requireAdmin(_ actor: Actor, _ action: String) throws {
        guard actor.isAdmin else { throw CollabError.denied("\(actor.id) may not \(action): only an admin may") }
    }

    /// The access list of a space.
    package static func entries(_ sql: SQL, _ space: Space) throws -> [AccessEntry] {
        try sql.all(
            "SELECT principal_type, principal_id, level FROM acl WHERE space_type = ? AND space_id = ? ORDER BY principal_type DESC, principal_id",
            [.text(space.type), .text(space.id)]
        ) { r in
            let id = r.string(1)
            return AccessEntry(r.string(0) == "group" ? .group(id) : .user(id), AccessLevel(rawValue: r.string(2)) ?? .read)
        }
    }

    /// Adds or changes an entry (the user or group must exist). The caller records the
    /// space's change. Returns whether anything changed.
    @discardableResult
    package static func grant(_ tx: Transaction, _ space: Space, _ entry: AccessEntry) throws -> Bool {
        let (kind, id) = try principal(tx.sql, entry.principal)
        let current = try tx.sql.string(
            "SELECT level FROM acl WHERE space_type = ? AND space_id = ? AND principal_type = ? AND principal_id = ?",
            [.text(space.type), .text(space.id), .text(kind), .text(id)])
        if current == entry.level.rawValue { return false }
        try tx.sql.execute(
            """
            INSERT INTO acl (space_type, space_id, principal_type, principal_id, level) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (space_type, space_id, principal_type, principal_id) DO UPDATE SET level = excluded.level
            """,
            [.text(space.type), .text(space.id), .text(kind), .text(id), .text(entry.level.rawValue)])
        return true
    }

    /// Removes an entry. Returns whether it was there.
    @discardableResult
    package static func revoke(_ tx: Transaction, _ space: Space, _ principal: AccessEntry.Principal) throws -> Bool {
        let (kind, id) = try self.principal(tx.sql, principal)
        try tx.sql.execute(
            "DELETE FROM acl WHERE space_type = ? AND space_id = ? AND principal_type = ? AND principal_id = ?",
            [.text(space.type), .text(space.id), .text(kind), .text(id)])
        return tx.sql.changes > 0
    }

    private static func principal(_ sql: SQL, _ p: AccessEntry.Principal) throws -> (String, String) {
        switch p {
        case .user(let u):
            if try sql.int("SELECT 1 FROM users WHERE id = ?", [.text(u)]) == nil { throw CollabError.notFound("user", u) }
            return ("user", u)
        case .group(let g):
            if try sql.int("SELECT 1 FROM groups WHERE id = ?", [.text(g)]) == nil { throw CollabError.notFound("group", g) }
            return ("group", g)
        }
    }

    /// An SQL condition that keeps the spaces `actor` may read, for list queries over a
    /// table of spaces. `idColumn`, `visibilityColumn` and `ownerColumn` name that table's
    /// columns. Admins see everything; members see public spaces; everyone sees spaces
    /// they own or are listed on, by name or through a group.
    package static func readableCondition(
        _ actor: Actor, spaceType: String, idColumn: String, visibilityColumn: String, ownerColumn: String
    ) -> (sql: String, args: [SQLValue]) {
        if actor.isAdmin { return ("1 = 1", []) }
        var parts: [String] = []
        var args: [SQLValue] = []
        if actor.role != .guest { parts.append("\(visibilityColumn) = 'public'") }
        parts.append("\(ownerColumn) = ?")
        args.append(.text(actor.id))
        parts.append(
            """
            EXISTS (SELECT 1 FROM acl WHERE acl.space_type = ? AND acl.space_id = \(idColumn) AND ((acl.principal_type = 'user' AND acl.principal_id = ?) OR (acl.principal_type = 'group' AND acl.principal_id IN (SELECT group_id FROM group_members WHERE user_id = ?))))
            """)
        args += [.text(spaceType), .text(actor.id), .text(actor.id)]
        return ("(" + parts.joined(separator: " OR ") + ")", args)
    }
}
