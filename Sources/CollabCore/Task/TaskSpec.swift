/// What `add` and `update` set on a task. nil leaves a field as it is; an empty text clears
/// an optional field. Times are RFC 3339 UTC already (the CLI reads SPEC §4 forms).
package struct TaskSpec: Sendable {
    package var title: String?
    package var description: String?
    package var project: String?
    package var status: TaskStatus?
    package var priority: TaskPriority?
    package var assignee: String?
    package var due: String?
    package var start: String?
    package var estimate: String?
    /// Replaces the tags.
    package var tags: [String]?
    package var addTags: [String] = []
    package var removeTags: [String] = []
    /// Task ids to depend on (added).
    package var depends: [String] = []
    package var removeDepends: [String] = []
    package var parent: String?
    package var recur: String?
    /// The zone the recurrence is expanded in (the zone in force).
    package var zone: String?

    package init() {}

    /// Whether the spec changes nothing.
    package var isEmpty: Bool {
        title == nil && description == nil && project == nil && status == nil && priority == nil && assignee == nil
            && due == nil && start == nil && estimate == nil && tags == nil && addTags.isEmpty && removeTags.isEmpty
            && depends.isEmpty && removeDepends.isEmpty && parent == nil && recur == nil
    }
}

/// Tags: free words without spaces or commas, kept lowercase-insensitive as typed.
package enum TaskTag {
    package static func validate(_ tag: String) throws -> String {
        let t = tag.hasPrefix("+") ? String(tag.dropFirst()) : tag
        guard !t.isEmpty, t.utf8.count <= 64, !t.contains(where: { $0 == " " || $0 == "," || $0.isNewline || $0 == "\t" }) else {
            throw CollabError.invalid("tag", tag, "a tag is one word of at most 64 bytes, without spaces or commas")
        }
        return t
    }
}

/// Random RFC 4122 version 4 UUIDs, for tasks (Taskwarrior's key).
package enum UUIDText {
    package static func random() -> String {
        var g = SystemRandomNumberGenerator()
        let (x, y) = (g.next() as UInt64, g.next() as UInt64)
        var b = (0..<8).map { UInt8(truncatingIfNeeded: x >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: y >> ($0 * 8)) }
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.map { byte -> String in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    /// Whether `s` looks like a UUID (8-4-4-4-12 hex digits).
    package static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
