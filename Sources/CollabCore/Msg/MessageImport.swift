/// A channel read from an interchange file (native NDJSON, Mattermost, Slack).
package struct ChannelImport: Sendable {
    package var id: String
    package var title: String?
    package var topic: String?
    package var visibility: Visibility
    package var owner: String?
    package var members: [String]
    package var archived: Bool

    /// A channel to import.
    package init(id: String, title: String? = nil, topic: String? = nil, visibility: Visibility = .public, owner: String? = nil,
                 members: [String] = [], archived: Bool = false) {
        self.id = id
        self.title = title
        self.topic = topic
        self.visibility = visibility
        self.owner = owner
        self.members = members
        self.archived = archived
    }
}

/// A message read from an interchange file. Its channel is named, or given by the
/// members of a direct conversation (opened if needed).
package struct MessageImport: Sendable {
    /// The number to keep (native `msg-N`), or nil for a new one.
    package var num: Int64?
    package var channel: String?
    package var directMembers: [String]?
    package var author: String
    /// RFC 3339.
    package var ts: String
    package var body: String?
    package var thread: Int64?
    package var attachments: [String] = []
    package var edited: String?
    package var deleted: String?
    /// The revision and last change to keep (native records), else 1 and the latest time.
    package var rev: Int64?
    package var updated: String?
    /// Replies that follow it (Mattermost nests them in the post).
    package var replies: [MessageImport] = []

    /// A message to import.
    package init(author: String, ts: String, body: String?) {
        self.author = author
        self.ts = ts
        self.body = body
    }
}

extension Messaging {
    /// Creates the channel if missing, else adds the members it lacks. Returns the
    /// channel if it changed.
    package static func importChannel(_ tx: Transaction, _ ci: ChannelImport) throws -> Channel? {
        let id = try Slug.validate(ci.id, field: "id")
        for u in ci.members + (ci.owner.map { [$0] } ?? []) where try Directory.user(tx.sql, u) == nil {
            throw CollabError.invalid("members", u, "no such user")
        }
        if var c = try channel(tx.sql, id) {
            let missing = ci.members.filter { !c.members.contains($0) }
            guard !missing.isEmpty else { return nil }
            for u in missing { try addImportedMember(tx, c, u) }
            c.members = try members(tx.sql, id)
            c.rev += 1
            c.updated = tx.timestamp
            try tx.sql.execute("UPDATE channels SET rev = ?, updated = ? WHERE id = ?", [.int(c.rev), .text(c.updated), .text(id)])
            try tx.record(.update, "channel", id, c.record)
            return c
        }
        try tx.sql.execute(
            "INSERT INTO channels (id, title, topic, visibility, owner, archived, rev, created, updated) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
            [.text(id), .text(ci.title ?? id), ci.topic.map(SQLValue.text) ?? .null, .text(ci.visibility.rawValue),
             ci.visibility == .direct ? .null : ci.owner.map(SQLValue.text) ?? .null, .int(ci.archived ? 1 : 0),
             .text(tx.timestamp), .text(tx.timestamp)])
        let c = Channel(
            id: id, title: ci.title ?? id, topic: ci.topic, visibility: ci.visibility, owner: ci.visibility == .direct ? nil : ci.owner,
            archived: ci.archived, members: [], rev: 1, created: tx.timestamp, updated: tx.timestamp)
        for u in Set(ci.members).sorted() { try addImportedMember(tx, c, u) }
        let saved = try requireChannel(tx.sql, id)
        try tx.record(.create, "channel", id, saved.record)
        return saved
    }

    private static func addImportedMember(_ tx: Transaction, _ c: Channel, _ u: String) throws {
        try tx.sql.execute(
            "INSERT INTO channel_members (channel, user_id) VALUES (?, ?) ON CONFLICT (channel, user_id) DO NOTHING", [.text(c.id), .text(u)])
        if c.visibility != .public && u != c.owner {
            try Access.grant(tx, c.space, AccessEntry(.user(u), .write))
        }
    }

    /// The direct conversation of exactly these members, opened if needed.
    package static func importDirect(_ tx: Transaction, _ members: [String]) throws -> Channel {
        let everyone = Set(members).sorted()
        guard everyone.count >= 1 else { throw CollabError.missing("members") }
        for u in everyone {
            try tx.once("user:" + u) {
                if try Directory.user(tx.sql, u) == nil { throw CollabError.invalid("members", u, "no such user") }
            }
        }
        if let c = try directChannel(tx.sql, everyone) { return c }
        var id = "dm-" + everyone.joined(separator: "-")
        if try id.utf8.count > 64 || channel(tx.sql, id) != nil {
            id = "dm-" + String(ChangeLog.sha256(Array(everyone.joined(separator: ",").utf8)).prefix(16))
        }
        return try importChannel(tx, ChannelImport(id: id, title: everyone.joined(separator: ", "), visibility: .direct, members: everyone))!
    }

    /// Writes an imported message unless it is there already: same id, or the same
    /// channel, author, time and text (the natural key, as Mattermost's). A known id with
    /// other content is a conflict. Returns the message and whether it was written.
    /// Imports queue no webhook deliveries: they are history.
    /// `numbers` hands out the numbers of new messages; save it once done.
    package static func importMessage(_ tx: Transaction, _ mi: MessageImport) throws -> (Message, Bool) {
        let channelId: String
        if let members = mi.directMembers {
            channelId = try importDirect(tx, members).id
        } else if let ch = mi.channel {
            try tx.once("channel:" + ch) {
                guard try tx.sql.int("SELECT 1 FROM channels WHERE id = ?", [.text(ch)]) != nil else {
                    throw CollabError.invalid("channel", ch, "no such channel")
                }
            }
            channelId = ch
        } else {
            throw CollabError.missing("channel")
        }
        try tx.once("user:" + mi.author) {
            guard try tx.sql.int("SELECT 1 FROM users WHERE id = ?", [.text(mi.author)]) != nil else {
                throw CollabError.invalid("author", mi.author, "no such user")
            }
        }
        guard RFC3339.parse(mi.ts) != nil else { throw CollabError.invalid("ts", mi.ts, "expected an RFC 3339 time") }
        if mi.deleted == nil {
            guard let b = mi.body, !b.trimmingSpaces.isEmpty else { throw CollabError.missing("body") }
        }
        let body = mi.deleted == nil ? mi.body : nil
        if let n = mi.num, let old = try tx.sql.first("SELECT \(Message.columns) FROM messages m WHERE m.num = ?", [.int(n)], Message.row) {
            guard old.channel == channelId, old.author == mi.author, old.ts == mi.ts else {
                throw CollabError.conflict("\(old.id) exists with another channel, author or time")
            }
            return (old, false)
        }
        if mi.num == nil, let old = try tx.sql.first(
            "SELECT \(Message.columns) FROM messages m WHERE m.channel = ? AND m.ts = ? AND m.author = ? AND m.body \(tx.sql.dialect.isSame) ?",
            [.text(channelId), .text(mi.ts), .text(mi.author), body.map(SQLValue.text) ?? .null], Message.row)
        {
            return (old, false)
        }
        let num: Int64
        if let n = mi.num {
            num = n
            try tx.reserveNumber("msg", atLeast: n)
        } else {
            num = try tx.nextNumber("msg")
        }
        let m = Message(
            num: num, channel: channelId, author: mi.author, ts: mi.ts, body: body, thread: mi.thread,
            mentions: try body.map { try Mentions.parse(tx.sql, $0) } ?? [], attachments: mi.attachments, edited: mi.edited,
            deleted: mi.deleted, rev: mi.rev ?? 1, updated: mi.updated ?? mi.deleted ?? mi.edited ?? mi.ts)
        try insert(tx, m)
        try tx.record(.create, "message", m.id, m.record)
        return (m, true)
    }
}
