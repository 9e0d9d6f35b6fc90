/// A legal hold on a document, a folder or a channel.
package struct Hold: Equatable, Sendable {
    /// The number of its id.
    package var num: Int64
    /// `doc`, `folder` or `channel`.
    package var targetType: String
    /// The document id, folder path or channel slug.
    package var target: String
    /// Why it was placed.
    package var why: String
    /// Who placed it.
    package var by: String
    /// When it was lifted (nil while active).
    package var lifted: String?
    /// Who lifted it.
    package var liftedBy: String?
    /// Why it was lifted.
    package var liftWhy: String?
    /// Bumped on each change.
    package var rev: Int64
    /// When it was placed.
    package var created: String
    /// When it last changed.
    package var updated: String

    /// The kind of id of holds.
    package static let ids = SequenceId("hold")

    /// The id text, `hold-N`.
    package var id: String { Self.ids.id(num) }

    /// The `hold` record.
    package var record: JSONObject {
        var o = JSONObject([
            ("type", .string("hold")), ("id", .string(id)), ("target", .string(target)), ("target_type", .string(targetType)),
            ("why", .string(why)), ("by", .string(by)), ("status", .string(lifted == nil ? "active" : "lifted")),
        ])
        o.set("lifted", lifted)
        o.set("lifted_by", liftedBy)
        o.set("lift_why", liftWhy)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    static let columns = "num, target_type, target, why, by_user, lifted, lifted_by, lift_why, rev, created, updated"

    static func row(_ r: Row) -> Hold {
        Hold(
            num: r.int(0), targetType: r.string(1), target: r.string(2), why: r.string(3), by: r.string(4),
            lifted: r.optString(5), liftedBy: r.optString(6), liftWhy: r.optString(7), rev: r.int(8), created: r.string(9),
            updated: r.string(10))
    }
}
