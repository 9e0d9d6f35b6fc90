/// What a user may do (SPEC §7).
package enum Role: String, Sendable, CaseIterable {
    case admin, member, guest
}

/// Whether a user may act.
package enum UserStatus: String, Sendable, CaseIterable {
    case active, disabled
}

/// A person of the administration, or an external partner (a guest).
package struct User: Equatable, Sendable {
    package var id: String
    package var name: String
    package var email: String?
    package var role: Role
    package var status: UserStatus
    package var manager: String?
    /// The groups the user belongs to, sorted.
    package var groups: [String]
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The `user` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("user")
        o["id"] = .string(id)
        o["name"] = .string(name)
        o.set("email", email)
        o["role"] = .string(role.rawValue)
        o.set("groups", groups)
        o["status"] = .string(status.rawValue)
        o.set("manager", manager)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

/// A set of users, named by a slug (a service: `urbanisme`, `rh`).
package struct Group: Equatable, Sendable {
    package var id: String
    package var name: String
    /// The members, sorted.
    package var members: [String]
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The `group` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("group")
        o["id"] = .string(id)
        o["name"] = .string(name)
        o.set("members", members)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

/// The acting user, loaded once per command.
package struct Actor: Sendable, Equatable {
    package var id: String
    package var role: Role
    package var groups: Set<String>

    /// Whether the actor is an admin.
    package var isAdmin: Bool { role == .admin }

    /// An actor (tests and the system build them directly).
    package init(id: String, role: Role, groups: Set<String> = []) {
        self.id = id
        self.role = role
        self.groups = groups
    }
}
