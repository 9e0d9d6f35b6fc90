/// A folder of documents (SPEC §7: a space), named by a path like `/urbanisme/plu`.
package struct Folder: Equatable, Sendable {
    package var id: String
    package var title: String
    package var visibility: Visibility
    package var owner: String
    /// A regular expression every document title in the folder must match.
    package var namePattern: String?
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The folder as a space, for access checks.
    package var space: Space { Space(type: "folder", id: id, visibility: visibility, owner: owner) }

    /// The parent folder's path, or nil for a top-level folder.
    package var parent: String? { FolderPath.parent(id) }

    /// The `folder` record, with its access list.
    package func record(_ sql: SQL) throws -> JSONObject {
        var o = JSONObject()
        o["type"] = .string("folder")
        o["id"] = .string(id)
        o["title"] = .string(title)
        o["visibility"] = .string(visibility.rawValue)
        o["owner"] = .string(owner)
        o["acl"] = .array(try Access.entries(sql, space).map(\.json))
        o.set("name_pattern", namePattern)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    static let columns = "id, title, visibility, owner, name_pattern, rev, created, updated"

    static func row(_ r: Row) -> Folder {
        Folder(
            id: r.string(0), title: r.string(1), visibility: Visibility(rawValue: r.string(2)) ?? .private,
            owner: r.string(3), namePattern: r.optString(4), rev: r.int(5), created: r.string(6), updated: r.string(7))
    }

    /// Refuses (exit 65, naming the pattern) a title that breaks the folder's naming pattern.
    package func checkTitle(_ title: String) throws {
        guard let namePattern else { return }
        let regex = try FolderPath.regex(namePattern)
        guard title.contains(regex) else {
            throw CollabError.invalid(
                "title", title, "folder '\(id)' requires titles matching the pattern '\(namePattern)'")
        }
    }
}

/// Folder paths: `/` then slugs separated by `/`.
package enum FolderPath {
    /// Checks a folder path and returns it.
    package static func validate(_ text: String, field: String = "folder") throws -> String {
        guard text.hasPrefix("/"), text.count > 1, !text.hasSuffix("/") else {
            throw CollabError.invalid(field, text, "expected a folder path like /urbanisme/plu")
        }
        let segments = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count <= 16 else { throw CollabError.invalid(field, text, "a folder path has at most 16 levels") }
        for s in segments where !Slug.isValid(String(s)) {
            throw CollabError.invalid(
                field, text, "each part of a folder path is a slug (lowercase letters, digits, '.', '_', '-'): '\(s)' is not")
        }
        return text
    }

    /// The parent path, or nil for a top-level folder.
    package static func parent(_ path: String) -> String? {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return nil }
        return String(path[..<slash])
    }

    /// Compiles a naming pattern (exit 65 when it is not a valid regular expression).
    package static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        do { return try Regex(pattern) } catch {
            throw CollabError.invalid("name-pattern", pattern, "not a valid regular expression")
        }
    }
}
