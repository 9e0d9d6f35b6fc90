/// What a create or update of a user says. A nil field was not given: on create it takes
/// its default, on a repeated create it is not compared.
package struct UserSpec: Sendable, Equatable {
    package var id: String
    package var name: String?
    package var email: String?
    package var role: Role?
    package var manager: String?
    package var groups: [String]?
    package var status: UserStatus?

    /// A spec for the user `id`.
    package init(id: String, name: String? = nil, email: String? = nil, role: Role? = nil,
                 manager: String? = nil, groups: [String]? = nil, status: UserStatus? = nil) {
        self.status = status
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.manager = manager
        self.groups = groups
    }

    /// Checks every field's form (not references to other records); throws 65.
    package func validate() throws {
        _ = try Slug.validate(id)
        if let name, name.trimmingSpaces.isEmpty { throw CollabError.invalid("name", name, "a name cannot be empty") }
        if let email, !email.isEmpty, !Self.looksLikeEmail(email) {
            throw CollabError.invalid("email", email, "expected an address like name@example.org")
        }
        if let manager, !manager.isEmpty { _ = try Slug.validate(manager, field: "manager") }
        if let manager, manager == id { throw CollabError.invalid("manager", manager, "a user cannot be their own manager") }
        for g in groups ?? [] { _ = try Slug.validate(g, field: "groups") }
    }

    /// A light check of an address's shape: one `@`, something before it, a dotted domain
    /// after it, no spaces or list separators.
    static func looksLikeEmail(_ s: String) -> Bool {
        var at = -1, count = 0, lastDot = -1
        for (i, b) in s.utf8.enumerated() {
            count = i + 1
            switch b {
            case UInt8(ascii: "@"):
                if at >= 0 { return false }
                at = i
            case UInt8(ascii: "."):
                if at >= 0 { lastDot = i }
                if at >= 0 && i == at + 1 { return false }
            case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "<"), UInt8(ascii: ">"), 9, 10, 13: return false
            default: break
            }
        }
        return at > 0 && lastDot > at + 1 && lastDot < count - 1
    }

    /// Where this spec differs from an existing user (the fields it gives), as field names.
    package func differences(from u: User) -> [String] {
        var d: [String] = []
        if let name, name != u.name { d.append("name") }
        if let email, (email.isEmpty ? nil : email) != u.email { d.append("email") }
        if let role, role != u.role { d.append("role") }
        if let manager, (manager.isEmpty ? nil : manager) != u.manager { d.append("manager") }
        if let groups, Set(groups) != Set(u.groups) { d.append("groups") }
        if let status, status != u.status { d.append("status") }
        return d
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
