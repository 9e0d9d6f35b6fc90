/// A channel: a space (SPEC §7) of type `channel` where messages are posted. A `direct`
/// channel is a conversation between fixed members, opened by `dm`.
package struct Channel: Equatable, Sendable {
    package var id: String
    package var title: String
    package var topic: String?
    package var visibility: Visibility
    /// Who created it (manages it).
    package var owner: String?
    package var archived: Bool
    /// The members (users who joined or were invited), sorted.
    package var members: [String]
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The channel as a space, for access checks.
    package var space: Space { Space(type: "channel", id: id, visibility: visibility, owner: owner) }

    /// The `channel` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("channel")
        o["id"] = .string(id)
        o["title"] = .string(title)
        o.set("topic", topic)
        o["visibility"] = .string(visibility.rawValue)
        o.set("owner", owner)
        o.set("members", members)
        o["archived"] = .bool(archived)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    /// The columns `row` reads, in order (prefix them with an alias where needed).
    static let columns = "id, title, topic, visibility, owner, archived, rev, created, updated"

    static func row(_ r: Row) -> Channel {
        Channel(
            id: r.string(0), title: r.string(1), topic: r.optString(2),
            visibility: Visibility(rawValue: r.string(3)) ?? .private, owner: r.optString(4), archived: r.bool(5),
            members: [], rev: r.int(6), created: r.string(7), updated: r.string(8))
    }
}

/// What `channel add` asks for.
package struct ChannelSpec: Sendable {
    package var id: String
    package var title: String?
    package var topic: String?
    package var visibility: Visibility
    package var members: [String]

    /// A spec.
    package init(id: String, title: String? = nil, topic: String? = nil, visibility: Visibility = .public, members: [String] = []) {
        self.id = id
        self.title = title
        self.topic = topic
        self.visibility = visibility
        self.members = members
    }
}
