/// Reads users from NDJSON or from the CSV an HR department exports
/// (`id,name,email,groups,role,manager`, optional `key` and `status`).
package enum UserImport {
    /// The input formats.
    package enum Format: String, Sendable, CaseIterable { case ndjson, csv }

    static let csvColumns: Set<String> = ["id", "name", "email", "groups", "role", "manager", "key", "status"]
    /// Fields of a `user` record that an import reads, plus those it ignores (so the output
    /// of `user list` imports as it is).
    static let recordFields: Set<String> = csvColumns.union(["type", "rev", "created", "updated"])

    /// One user of the input, with its external key.
    package struct Item: Sendable {
        package var spec: UserSpec
        package var key: String?
    }

    /// A user from a CSV row.
    package static func item(csv row: [String: String]) throws -> Item {
        func field(_ k: String) -> String? {
            guard let v = row[k]?.trimmingSpaces, !v.isEmpty else { return nil }
            return v
        }
        guard let id = field("id") else { throw CollabError.missing("id") }
        let groups = field("groups").map { g in
            g.split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == " " || $0 == "," }).map(String.init)
        }
        return Item(
            spec: UserSpec(
                id: id, name: field("name"), email: row["email"].map(\.trimmingSpaces), role: try role(field("role")),
                manager: row["manager"].map(\.trimmingSpaces), groups: groups ?? (row["groups"] != nil ? [] : nil),
                status: try status(field("status"))),
            key: field("key"))
    }

    /// A user from an NDJSON record.
    package static func item(record o: JSONObject) throws -> Item {
        for k in o.keys where !recordFields.contains(k) {
            throw CollabError(.badInput, "unknown field '\(k)' in a user record", field: k)
        }
        if let t = o["type"], t.stringValue != "user" {
            throw CollabError.invalid("type", t.cellText, "expected 'user'")
        }
        func string(_ k: String) throws -> String? {
            guard let v = o[k] else { return nil }
            if case .null = v { return nil }
            guard let s = v.stringValue else { throw CollabError.invalid(k, v.cellText, "expected a string") }
            return s
        }
        guard let id = try string("id") else { throw CollabError.missing("id") }
        var groups: [String]?
        if let g = o["groups"] {
            if let s = g.stringValue {
                groups = s.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }).map(String.init)
            } else if let a = g.arrayValue, a.allSatisfy({ $0.stringValue != nil }) {
                groups = a.compactMap(\.stringValue)
            } else {
                throw CollabError.invalid("groups", g.cellText, "expected an array of group ids")
            }
        }
        return Item(
            spec: UserSpec(
                id: id, name: try string("name"), email: try string("email"), role: try role(try string("role")),
                manager: try string("manager"), groups: groups, status: try status(try string("status"))),
            key: try string("key"))
    }

    static func role(_ s: String?) throws -> Role? {
        guard let s else { return nil }
        guard let r = Role(rawValue: s.lowercased()) else { throw CollabError.invalid("role", s, "expected admin, member or guest") }
        return r
    }

    static func status(_ s: String?) throws -> UserStatus? {
        guard let s else { return nil }
        guard let r = UserStatus(rawValue: s.lowercased()) else { throw CollabError.invalid("status", s, "expected active or disabled") }
        return r
    }

    /// Checks the columns of a CSV header.
    package static func checkHeader(_ header: [String]) throws {
        guard header.contains("id") else {
            throw CollabError(.badInput, "line 1: the CSV header needs an 'id' column (columns: id,name,email,groups,role,manager)", line: 1)
        }
        for h in header where !csvColumns.contains(h) {
            throw CollabError(.badInput, "line 1: unknown CSV column '\(h)' (known: id,name,email,groups,role,manager,key,status)", line: 1, field: h)
        }
    }
}
