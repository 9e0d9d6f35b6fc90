/// The messaging domain of collab-msg: channels, direct conversations, messages, read
/// cursors, search. Every write takes the caller's transaction and records its changes.
package enum Messaging {
    /// The channel with this id and its members, or nil.
    package static func channel(_ sql: SQL, _ id: String) throws -> Channel? {
        guard var c = try sql.first("SELECT \(Channel.columns) FROM channels WHERE id = ?", [.text(id)], Channel.row) else {
            return nil
        }
        c.members = try members(sql, id)
        return c
    }

    /// The channel with this id (exit 1 when there is none).
    package static func requireChannel(_ sql: SQL, _ id: String) throws -> Channel {
        guard let c = try channel(sql, id) else { throw CollabError.notFound("channel", id) }
        return c
    }

    /// The members of a channel, sorted.
    package static func members(_ sql: SQL, _ channel: String) throws -> [String] {
        try sql.all("SELECT user_id FROM channel_members WHERE channel = ? ORDER BY user_id", [.text(channel)]) { $0.string(0) }
    }

    /// What `actor` may do in a channel: members of the organisation may read and post in
    /// public channels; the access list (invitations, direct conversations) gives the rest.
    package static func level(_ sql: SQL, _ actor: Actor, _ c: Channel) throws -> AccessLevel? {
        try Access.level(actor, in: c.space, publicLevel: .write, sql)
    }

    /// Refuses (exit 77) unless `actor` has `needed` in the channel.
    package static func require(_ sql: SQL, _ actor: Actor, _ needed: AccessLevel, _ c: Channel, to action: String) throws {
        try Access.require(actor, needed, in: c.space, to: action, publicLevel: .write, sql)
    }

    /// The channel, if `actor` may read it (exit 1 when missing, 77 when not readable).
    package static func readableChannel(_ sql: SQL, _ actor: Actor, _ id: String) throws -> Channel {
        let c = try requireChannel(sql, id)
        try require(sql, actor, .read, c, to: "read channel '\(id)'")
        return c
    }

    /// The SQL condition keeping the channels (aliased `alias`) that `actor` may read.
    /// Direct conversations are only readable by their members (and admins).
    package static func readable(_ actor: Actor, alias: String = "c") -> (sql: String, args: [SQLValue]) {
        Access.readableCondition(
            actor, spaceType: "channel", idColumn: "\(alias).id", visibilityColumn: "\(alias).visibility",
            ownerColumn: "\(alias).owner")
    }
}
