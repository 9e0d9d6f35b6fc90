/// Optimistic concurrency (SPEC §6): `--if-rev N` on any update.
package enum Revisions {
    /// Throws a conflict (exit 73) when `expected` is given and the record is at another
    /// revision.
    package static func check(_ type: String, _ id: String, current: Int64, expected: Int64?) throws {
        guard let expected, expected != current else { return }
        throw CollabError.conflict("\(type) '\(id)' is at rev \(current), not \(expected): it changed since you read it")
    }
}
