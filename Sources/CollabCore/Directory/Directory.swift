/// Reading users and groups.
package enum Directory {
    static let userColumns = "id, name, email, role, status, manager, rev, created, updated"

    /// The user with this id, or nil.
    package static func user(_ sql: SQL, _ id: String) throws -> User? {
        guard var u = try sql.first("SELECT \(userColumns) FROM users WHERE id = ?", [.text(id)], userRow) else { return nil }
        u.groups = try groupsOf(sql, id)
        return u
    }

    /// The user with this id, or a not-found error (exit 1).
    package static func requireUser(_ sql: SQL, _ id: String) throws -> User {
        guard let u = try user(sql, id) else { throw CollabError.notFound("user", id) }
        return u
    }

    /// The acting user; refuses (exit 77) one that does not exist or is disabled.
    package static func actor(_ sql: SQL, _ id: String) throws -> Actor {
        guard let u = try user(sql, id) else {
            throw CollabError.denied("unknown user '\(id)': set --as or COLLAB_USER to a user of this store (an admin adds users with 'collab-admin user add')")
        }
        guard u.status == .active else { throw CollabError.denied("user '\(id)' is disabled") }
        return Actor(id: u.id, role: u.role, groups: Set(u.groups))
    }

    static func userRow(_ r: Row) -> User {
        User(
            id: r.string(0), name: r.string(1), email: r.optString(2), role: Role(rawValue: r.string(3)) ?? .member,
            status: UserStatus(rawValue: r.string(4)) ?? .active, manager: r.optString(5), groups: [], rev: r.int(6),
            created: r.string(7), updated: r.string(8))
    }

    /// The groups of a user, sorted.
    package static func groupsOf(_ sql: SQL, _ user: String) throws -> [String] {
        try sql.all("SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id", [.text(user)]) { $0.string(0) }
    }

    /// Which users to list.
    package struct UserFilter: Sendable {
        package var role: Role?
        package var status: UserStatus?
        package var group: String?
        package var manager: String?
        package var limit: Int?
        package init() {}
    }

    /// An SQL condition on `users.id` keeping the users `actor` may see: everyone for
    /// members and admins; for a guest, themselves and the members of their groups.
    static func visibleUsers(_ actor: Actor) -> (String, [SQLValue]) {
        guard actor.role == .guest else { return ("1 = 1", []) }
        return (
            "(id = ? OR id IN (SELECT user_id FROM group_members WHERE group_id IN (SELECT group_id FROM group_members WHERE user_id = ?)))",
            [.text(actor.id), .text(actor.id)]
        )
    }

    /// The user `id` if `actor` may see them, else a not-found error.
    package static func visibleUser(_ sql: SQL, _ actor: Actor, _ id: String) throws -> User {
        let (cond, args) = visibleUsers(actor)
        guard try sql.int("SELECT 1 FROM users WHERE id = ? AND \(cond)", [.text(id)] + args) != nil,
              let u = try user(sql, id) else { throw CollabError.notFound("user", id) }
        return u
    }

    /// The group `id` if `actor` may see it (guests: their own groups), else not found.
    package static func visibleGroup(_ sql: SQL, _ actor: Actor, _ id: String) throws -> Group {
        guard let g = try group(sql, id), actor.role != .guest || actor.groups.contains(id) else {
            throw CollabError.notFound("group", id)
        }
        return g
    }

    /// Streams the users `actor` may see, in id order.
    package static func eachUser(_ sql: SQL, _ actor: Actor, _ f: UserFilter, _ body: (User) throws -> Bool) throws {
        let (cond, condArgs) = visibleUsers(actor)
        var q = "SELECT \(userColumns) FROM users WHERE \(cond)"
        var args: [SQLValue] = condArgs
        if let r = f.role { q += " AND role = ?"; args.append(.text(r.rawValue)) }
        if let s = f.status { q += " AND status = ?"; args.append(.text(s.rawValue)) }
        if let m = f.manager { q += " AND manager = ?"; args.append(.text(m)) }
        if let g = f.group {
            q += " AND id IN (SELECT user_id FROM group_members WHERE group_id = ?)"
            args.append(.text(g))
        }
        q += " ORDER BY id"
        if let l = f.limit { q += " LIMIT ?"; args.append(.int(Int64(l))) }
        try sql.each(q, args) { row in
            var u = userRow(row)
            u.groups = try groupsOf(sql, u.id)
            return try body(u)
        }
    }

    /// The group with this id, or nil.
    package static func group(_ sql: SQL, _ id: String) throws -> Group? {
        guard var g = try sql.first("SELECT id, name, rev, created, updated FROM groups WHERE id = ?", [.text(id)], groupRow)
        else { return nil }
        g.members = try membersOf(sql, id)
        return g
    }

    /// The group with this id, or a not-found error.
    package static func requireGroup(_ sql: SQL, _ id: String) throws -> Group {
        guard let g = try group(sql, id) else { throw CollabError.notFound("group", id) }
        return g
    }

    static func groupRow(_ r: Row) -> Group {
        Group(id: r.string(0), name: r.string(1), members: [], rev: r.int(2), created: r.string(3), updated: r.string(4))
    }

    /// The members of a group, sorted.
    package static func membersOf(_ sql: SQL, _ group: String) throws -> [String] {
        try sql.all("SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id", [.text(group)]) { $0.string(0) }
    }

    /// Streams the groups `actor` may see (guests: their own), in id order, optionally only
    /// those of one member.
    package static func eachGroup(_ sql: SQL, _ actor: Actor, member: String? = nil, limit: Int? = nil, _ body: (Group) throws -> Bool) throws {
        var q = "SELECT id, name, rev, created, updated FROM groups WHERE 1 = 1"
        var args: [SQLValue] = []
        if let member {
            q += " AND id IN (SELECT group_id FROM group_members WHERE user_id = ?)"
            args.append(.text(member))
        }
        if actor.role == .guest {
            q += " AND id IN (SELECT group_id FROM group_members WHERE user_id = ?)"
            args.append(.text(actor.id))
        }
        q += " ORDER BY id"
        if let limit { q += " LIMIT ?"; args.append(.int(Int64(limit))) }
        try sql.each(q, args) { row in
            var g = groupRow(row)
            g.members = try membersOf(sql, g.id)
            return try body(g)
        }
    }
}
