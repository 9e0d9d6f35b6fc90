/// A change to an existing user. Nil leaves a field alone; an empty email or manager clears it.
package struct UserPatch: Sendable {
    package var name: String?
    package var email: String?
    package var role: Role?
    package var manager: String?
    package var addGroups: [String] = []
    package var removeGroups: [String] = []
    package init() {}
}

extension Directory {
    /// Creates a user (SPEC §3 idempotency): a known `key` returns its record unchanged; an
    /// existing user with the same given attributes is a no-op; with other attributes it is
    /// a conflict (exit 73) unless `update`, which sets the given attributes (groups
    /// included). Groups that do not exist yet are created.
    package static func addUser(
        _ tx: Transaction, _ actor: Actor, _ spec: UserSpec, key: String? = nil, update: Bool = false,
        checkManager: Bool = true
    ) throws -> (User, WriteOutcome) {
        try Access.requireAdmin(actor, "add users")
        try spec.validate()
        var keyBound = false
        if let key, let id = try ExternalKeys.lookup(tx.sql, type: "user", key: key) {
            guard update else { return (try requireUser(tx.sql, id), .unchanged) }
            guard id == spec.id else {
                throw CollabError.conflict("key '\(key)' belongs to user '\(id)', not '\(spec.id)'")
            }
            keyBound = true
        }
        if checkManager, let m = spec.manager, !m.isEmpty, try user(tx.sql, m) == nil {
            throw CollabError(.badInput, "manager '\(m)' is not a user", field: "manager")
        }
        if var existing = try user(tx.sql, spec.id) {
            let diff = spec.differences(from: existing)
            if diff.isEmpty {
                if let key, !keyBound { try ExternalKeys.bind(tx, type: "user", key: key, id: existing.id) }
                return (existing, .unchanged)
            }
            guard update else {
                throw CollabError.conflict(
                    "user '\(spec.id)' exists with other values for \(diff.joined(separator: ", ")): use --update to change it")
            }
            if let name = spec.name { existing.name = name }
            if let email = spec.email { existing.email = email.isEmpty ? nil : email }
            if let manager = spec.manager { existing.manager = manager.isEmpty ? nil : manager }
            if let role = spec.role, role != existing.role {
                try checkNotLastAdmin(tx.sql, existing, losing: "role")
                existing.role = role
            }
            if let groups = spec.groups { try setGroups(tx, &existing, Set(groups)) }
            if let status = spec.status, status != existing.status {
                if status == .disabled { try checkNotLastAdmin(tx.sql, existing, losing: "status") }
                existing.status = status
            }
            if let key, !keyBound { try ExternalKeys.bind(tx, type: "user", key: key, id: existing.id) }
            return (try save(tx, existing, op: .update), .updated)
        }
        var u = User(
            id: spec.id, name: spec.name ?? spec.id, email: spec.email.flatMap { $0.isEmpty ? nil : $0 },
            role: spec.role ?? .member, status: spec.status ?? .active, manager: spec.manager.flatMap { $0.isEmpty ? nil : $0 },
            groups: [], rev: 0, created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO users (\(userColumns)) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
            [.text(u.id), .text(u.name), .text(u.email), .text(u.role.rawValue), .text(u.status.rawValue),
             .text(u.manager), .text(u.created), .text(u.updated)])
        u.rev = 1
        if let groups = spec.groups { try setGroups(tx, &u, Set(groups)) }
        if let key, !keyBound { try ExternalKeys.bind(tx, type: "user", key: key, id: u.id) }
        try tx.record(.create, "user", u.id, u.record)
        return (u, .created)
    }

    /// Changes a user's fields and groups; `ifRev` refuses (73) if the user moved on.
    package static func updateUser(
        _ tx: Transaction, _ actor: Actor, _ id: String, _ patch: UserPatch, ifRev: Int64? = nil
    ) throws -> (User, WriteOutcome) {
        try Access.requireAdmin(actor, "update users")
        var u = try requireUser(tx.sql, id)
        try checkRev(ifRev, u.rev, "user '\(id)'")
        let before = u
        if let name = patch.name {
            guard !name.trimmingSpaces.isEmpty else { throw CollabError.invalid("name", name, "a name cannot be empty") }
            u.name = name
        }
        if let email = patch.email {
            if !email.isEmpty && !UserSpec.looksLikeEmail(email) {
                throw CollabError.invalid("email", email, "expected an address like name@example.org")
            }
            u.email = email.isEmpty ? nil : email
        }
        if let m = patch.manager {
            if !m.isEmpty {
                _ = try Slug.validate(m, field: "manager")
                if m == id { throw CollabError.invalid("manager", m, "a user cannot be their own manager") }
                if try user(tx.sql, m) == nil { throw CollabError(.badInput, "manager '\(m)' is not a user", field: "manager") }
            }
            u.manager = m.isEmpty ? nil : m
        }
        if let role = patch.role, role != u.role {
            try checkNotLastAdmin(tx.sql, u, losing: "role")
            u.role = role
        }
        for g in patch.addGroups + patch.removeGroups { _ = try Slug.validate(g, field: "group") }
        var groups = Set(u.groups).union(patch.addGroups)
        groups.subtract(patch.removeGroups)
        try setGroups(tx, &u, groups)
        if u == before { return (u, .unchanged) }
        return (try save(tx, u, op: .update), .updated)
    }

    /// Disables or enables a user; a no-op when already so.
    package static func setStatus(_ tx: Transaction, _ actor: Actor, _ id: String, _ status: UserStatus) throws -> (User, WriteOutcome) {
        try Access.requireAdmin(actor, "\(status == .active ? "enable" : "disable") users")
        var u = try requireUser(tx.sql, id)
        if u.status == status { return (u, .unchanged) }
        if status == .disabled { try checkNotLastAdmin(tx.sql, u, losing: "status") }
        u.status = status
        return (try save(tx, u, op: .update), .updated)
    }

    /// Sets a user's memberships to exactly `groups`, creating missing groups. Memberships
    /// live on the user: the caller saves the user, whose change records the new list.
    static func setGroups(_ tx: Transaction, _ u: inout User, _ groups: Set<String>) throws {
        let current = Set(u.groups)
        for g in groups.subtracting(current).sorted() {
            try ensureGroup(tx, g)
            try tx.sql.execute("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)", [.text(g), .text(u.id)])
        }
        for g in current.subtracting(groups).sorted() {
            try tx.sql.execute("DELETE FROM group_members WHERE group_id = ? AND user_id = ?", [.text(g), .text(u.id)])
        }
        u.groups = groups.sorted()
    }

    /// Writes a user's row with its rev bumped, and records the change.
    static func save(_ tx: Transaction, _ user: User, op: ChangeOp) throws -> User {
        var u = user
        u.rev += 1
        u.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE users SET name = ?, email = ?, role = ?, status = ?, manager = ?, rev = ?, updated = ? WHERE id = ?",
            [.text(u.name), .text(u.email), .text(u.role.rawValue), .text(u.status.rawValue), .text(u.manager),
             .int(u.rev), .text(u.updated), .text(u.id)])
        try tx.record(op, "user", u.id, u.record)
        try DatabaseRoles.follow(tx, u)
        return u
    }

    /// Refuses (73) to remove the last active admin.
    static func checkNotLastAdmin(_ sql: SQL, _ u: User, losing what: String) throws {
        guard u.role == .admin, u.status == .active else { return }
        let others = try sql.int(
            "SELECT count(*) FROM users WHERE role = 'admin' AND status = 'active' AND id <> ?", [.text(u.id)]) ?? 0
        if others == 0 {
            throw CollabError.conflict("'\(u.id)' is the last active admin: make another admin first")
        }
    }

    /// Refuses (73) a stale `--if-rev`.
    package static func checkRev(_ expected: Int64?, _ actual: Int64, _ what: String) throws {
        if let expected, expected != actual {
            throw CollabError.conflict("\(what) is at rev \(actual), not \(expected): it changed since you read it")
        }
    }
}
