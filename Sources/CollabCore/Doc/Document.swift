/// The life of a document (SPEC §3).
package enum DocStatus: String, Sendable, CaseIterable {
    case draft
    case inCircuit = "in_circuit"
    case approved, rejected, archived
}

/// A document: its current version's content facts, its place and its state.
package struct Document: Equatable, Sendable {
    package var id: String
    package var num: Int64
    package var title: String
    package var folder: String
    package var owner: String
    package var version: Int64
    package var size: Int64
    package var sha256: String
    package var mediaType: String
    package var status: DocStatus
    package var lockedBy: String?
    package var retainUntil: String?
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The document's own access list, added to its folder's (SPEC §7).
    package var space: Space { Space(type: "doc", id: id, visibility: .private, owner: owner) }

    static let columns =
        "id, num, title, folder, owner, version, size, sha256, media_type, status, locked_by, retain_until, rev, created, updated"

    /// The columns read from `documents d`.
    static let aliasedColumns =
        "d.id, d.num, d.title, d.folder, d.owner, d.version, d.size, d.sha256, d.media_type, d.status, d.locked_by, d.retain_until, d.rev, d.created, d.updated"

    /// The document in the columns of a row, from column `o` on.
    static func row(_ r: Row, from o: Int = 0) -> Document {
        Document(
            id: r.string(o), num: r.int(o + 1), title: r.string(o + 2), folder: r.string(o + 3), owner: r.string(o + 4),
            version: r.int(o + 5), size: r.int(o + 6), sha256: r.string(o + 7), mediaType: r.string(o + 8),
            status: DocStatus(rawValue: r.string(o + 9)) ?? .draft, lockedBy: r.optString(o + 10),
            retainUntil: r.optString(o + 11), rev: r.int(o + 12), created: r.string(o + 13), updated: r.string(o + 14))
    }

    /// The `doc` record, with its tags and its own access entries.
    package func record(_ sql: SQL) throws -> JSONObject {
        record(
            tags: try sql.all("SELECT tag FROM doc_tags WHERE doc = ? ORDER BY tag", [.text(id)]) { $0.string(0) },
            acl: try Access.entries(sql, space))
    }

    /// The `doc` record with these tags and access entries.
    package func record(tags: [String], acl: [AccessEntry]) -> JSONObject {
        var o = JSONObject()
        o["type"] = .string("doc")
        o["id"] = .string(id)
        o["title"] = .string(title)
        o["folder"] = .string(folder)
        o["owner"] = .string(owner)
        o["version"] = .int(version)
        o["size"] = .int(size)
        o["sha256"] = .string(sha256)
        o["media_type"] = .string(mediaType)
        o["status"] = .string(status.rawValue)
        o.set("locked_by", lockedBy)
        o.set("tags", tags)
        o["acl"] = .array(acl.map(\.json))
        o.set("retain_until", retainUntil)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

/// One version of a document's content.
package struct Version: Equatable, Sendable {
    package var doc: String
    package var n: Int64
    package var sha256: String
    package var size: Int64
    package var mediaType: String
    package var author: String
    package var ts: String
    package var note: String?

    static let columns = "doc, n, sha256, size, media_type, author, ts, note"

    static func row(_ r: Row) -> Version {
        Version(
            doc: r.string(0), n: r.int(1), sha256: r.string(2), size: r.int(3), mediaType: r.string(4), author: r.string(5),
            ts: r.string(6), note: r.optString(7))
    }

    /// The `version` record; its id is `DOC@N`.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("version")
        o["id"] = .string("\(doc)@\(n)")
        o["doc"] = .string(doc)
        o["n"] = .int(n)
        o["sha256"] = .string(sha256)
        o["size"] = .int(size)
        o["media_type"] = .string(mediaType)
        o["author"] = .string(author)
        o["ts"] = .string(ts)
        o.set("note", note)
        return o
    }
}
