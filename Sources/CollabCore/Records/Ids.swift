/// Ids of named things: slugs the user chooses (SPEC §3).
package enum Slug {
    /// Checks `text` is a slug (`[a-z0-9][a-z0-9._-]{0,63}`) and returns it.
    package static func validate(_ text: String, field: String = "id") throws -> String {
        guard isValid(text) else {
            throw CollabError.invalid(field, text, "expected a slug: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters")
        }
        return text
    }

    /// Whether `text` is a slug.
    package static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard !b.isEmpty, b.count <= 64 else { return false }
        func ok(_ c: UInt8, first: Bool) -> Bool {
            (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (!first && (c == 46 || c == 95 || c == 45))
        }
        guard ok(b[0], first: true) else { return false }
        return b.dropFirst().allSatisfy { ok($0, first: false) }
    }
}

/// Ids of generated things: a prefix and a number (`task-42`); a bare number works too.
package struct SequenceId: Sendable, Equatable {
    /// The prefix, e.g. `task`.
    package let prefix: String

    /// An id kind with this prefix.
    package init(_ prefix: String) { self.prefix = prefix }

    /// The id text for a number.
    package func id(_ n: Int64) -> String { "\(prefix)-\(n)" }

    /// The number in `task-42` or `42`; throws a not-found error for anything else, naming
    /// what was expected.
    package func number(_ text: String) throws -> Int64 {
        var digits = Substring(text)
        if text.hasPrefix(prefix + "-") { digits = text.dropFirst(prefix.count + 1) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let n = Int64(digits), n > 0 else {
            throw CollabError(.notFound, "\(prefix) '\(text)' not found (expected '\(prefix)-N' or a number)")
        }
        return n
    }
}

/// External keys (`--key K`): unique per record type, so repeating a create is a no-op.
package enum ExternalKeys {
    /// The id of the record of this type created with this key, if any.
    package static func lookup(_ sql: SQL, type: String, key: String) throws -> String? {
        try sql.string("SELECT id FROM ext_keys WHERE type = ? AND key = ?", [.text(type), .text(key)])
    }

    /// Remembers that `key` created record `id`.
    package static func bind(_ tx: Transaction, type: String, key: String, id: String) throws {
        guard !key.isEmpty else { throw CollabError.invalid("key", key, "a key cannot be empty") }
        try tx.sql.execute("INSERT INTO ext_keys (type, key, id) VALUES (?, ?, ?)", [.text(type), .text(key), .text(id)])
    }
}

/// The outcome of a create: new, already there and the same, or changed (`--update`).
package enum WriteOutcome: String, Sendable {
    case created, unchanged, updated
}
