extension Messaging {
    /// Creates a channel (SPEC §3 idempotency): the creator owns it and is its first
    /// member. Guests may not create channels.
    package static func addChannel(
        _ tx: Transaction, _ actor: Actor, _ spec: ChannelSpec, key: String? = nil, update: Bool = false
    ) throws -> (Channel, WriteOutcome) {
        guard actor.role != .guest else { throw CollabError.denied("\(actor.id) may not create channels: guests may not") }
        let id = try Slug.validate(spec.id)
        guard spec.visibility != .direct else {
            throw CollabError.invalid("visibility", "direct", "open a direct conversation with 'collab-msg dm USER…'")
        }
        if let title = spec.title, title.trimmingSpaces.isEmpty { throw CollabError.invalid("title", title, "a title cannot be empty") }
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "channel", key: key) {
            return (try requireChannel(tx.sql, existing), .unchanged)
        }
        if var c = try channel(tx.sql, id) {
            var changed = false
            if let t = spec.title, t != c.title { c.title = t; changed = true }
            if let t = spec.topic, (t.isEmpty ? nil : t) != c.topic { c.topic = t.isEmpty ? nil : t; changed = true }
            if spec.visibility != c.visibility { c.visibility = spec.visibility; changed = true }
            var outcome = WriteOutcome.unchanged
            if changed {
                guard update else {
                    throw CollabError.conflict("channel '\(id)' exists with other attributes: use --update to change it")
                }
                try require(tx.sql, actor, .manage, c, to: "change channel '\(id)'")
                try save(tx, &c)
                outcome = .updated
            }
            if let key { try ExternalKeys.bind(tx, type: "channel", key: key, id: id) }
            if !spec.members.isEmpty, try invite(tx, actor, id, spec.members).1 { outcome = .updated }
            return (try requireChannel(tx.sql, id), outcome)
        }
        let topic = spec.topic.flatMap { $0.isEmpty ? nil : $0 }
        try tx.sql.execute(
            "INSERT INTO channels (id, title, topic, visibility, owner, archived, rev, created, updated) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?)",
            [.text(id), .text(spec.title ?? id), topic.map(SQLValue.text) ?? .null, .text(spec.visibility.rawValue),
             .text(actor.id), .text(tx.timestamp), .text(tx.timestamp)])
        for user in Set([actor.id] + spec.members).sorted() {
            try addMember(tx, id, user, grant: user != actor.id)
        }
        if let key { try ExternalKeys.bind(tx, type: "channel", key: key, id: id) }
        let c = try requireChannel(tx.sql, id)
        try tx.record(.create, "channel", id, c.record)
        return (c, .created)
    }

    /// What `channel update` changes; nil leaves a field alone, an empty topic clears it.
    package struct ChannelChanges: Sendable {
        package var title: String?
        package var topic: String?
        package var visibility: Visibility?
        package var archived: Bool?
        /// A new owner (admins only): used when the owner leaves.
        package var owner: String?
        package var ifRev: Int64?
        /// Changes.
        package init(title: String? = nil, topic: String? = nil, visibility: Visibility? = nil, archived: Bool? = nil, ifRev: Int64? = nil) {
            self.title = title
            self.topic = topic
            self.visibility = visibility
            self.archived = archived
            self.ifRev = ifRev
        }
    }

    /// Changes a channel's title, topic, visibility or archived state (manage access).
    package static func updateChannel(_ tx: Transaction, _ actor: Actor, _ id: String, _ ch: ChannelChanges) throws -> Channel {
        var c = try requireChannel(tx.sql, id)
        try require(tx.sql, actor, .manage, c, to: "change channel '\(id)'")
        try Revisions.check("channel", id, current: c.rev, expected: ch.ifRev)
        var changed = false
        if let t = ch.title {
            guard !t.trimmingSpaces.isEmpty else { throw CollabError.invalid("title", t, "a title cannot be empty") }
            if t != c.title { c.title = t; changed = true }
        }
        if let t = ch.topic, (t.isEmpty ? nil : t) != c.topic { c.topic = t.isEmpty ? nil : t; changed = true }
        if let v = ch.visibility, v != c.visibility {
            guard v != .direct, c.visibility != .direct else {
                throw CollabError.invalid("visibility", v.rawValue, "a direct conversation stays direct and a channel cannot become one")
            }
            c.visibility = v
            changed = true
        }
        if let a = ch.archived, a != c.archived { c.archived = a; changed = true }
        if let o = ch.owner, o != c.owner {
            try Access.requireAdmin(actor, "give channel '\(id)' to another owner")
            guard try Directory.user(tx.sql, o) != nil else { throw CollabError.notFound("user", o) }
            c.owner = o
            if !c.members.contains(o) { try addMember(tx, id, o, grant: false) }
            changed = true
        }
        if changed { try save(tx, &c) }
        return c
    }

    /// Adds the acting user to a channel they may read (not a direct conversation).
    package static func join(_ tx: Transaction, _ actor: Actor, _ id: String) throws -> (Channel, Bool) {
        var c = try readableChannel(tx.sql, actor, id)
        try refuseDirect(c, "join")
        guard !c.members.contains(actor.id) else { return (c, false) }
        try addMember(tx, id, actor.id, grant: false)
        try memberChange(tx, &c)
        return (c, true)
    }

    /// Removes the acting user from a channel; leaving a private channel or a direct
    /// conversation also drops the user's own access entry (a new invitation brings it back).
    package static func leave(_ tx: Transaction, _ actor: Actor, _ id: String) throws -> (Channel, Bool) {
        var c = try requireChannel(tx.sql, id)
        guard c.members.contains(actor.id) else { return (c, false) }
        try removeMember(tx, c, actor.id)
        try memberChange(tx, &c)
        return (c, true)
    }

    /// Adds users to a channel (write access needed). Each gets a `write` entry in the
    /// channel's access list unless they already have one, so a guest invited to a public
    /// channel sees it. Returns the channel and whether it changed.
    package static func invite(_ tx: Transaction, _ actor: Actor, _ id: String, _ users: [String]) throws -> (Channel, Bool) {
        var c = try requireChannel(tx.sql, id)
        try refuseDirect(c, "invite to")
        try require(tx.sql, actor, .write, c, to: "invite to channel '\(id)'")
        var changed = false
        for u in users {
            guard try Directory.user(tx.sql, u) != nil else { throw CollabError.notFound("user", u) }
            let listed = try Access.entries(tx.sql, c.space).contains { $0.principal == .user(u) }
            if !listed, u != c.owner {
                try Access.grant(tx, c.space, AccessEntry(.user(u), .write))
                changed = true
            }
            if !c.members.contains(u) {
                try addMember(tx, id, u, grant: false)
                c.members.append(u)
                changed = true
            }
        }
        if changed { try memberChange(tx, &c) }
        return (c, changed)
    }

    /// Removes users from a channel and from its access list (manage access needed).
    package static func remove(_ tx: Transaction, _ actor: Actor, _ id: String, _ users: [String]) throws -> (Channel, Bool) {
        var c = try requireChannel(tx.sql, id)
        try refuseDirect(c, "remove from")
        try require(tx.sql, actor, .manage, c, to: "remove members from channel '\(id)'")
        var changed = false
        for u in users {
            guard try Directory.user(tx.sql, u) != nil else { throw CollabError.notFound("user", u) }
            let listed = try Access.entries(tx.sql, c.space).contains { $0.principal == .user(u) }
            if listed || c.members.contains(u) {
                try removeMember(tx, c, u)
                try Access.revoke(tx, c.space, .user(u))
                changed = true
            }
        }
        if changed { try memberChange(tx, &c) }
        return (c, changed)
    }

    /// Opens the direct conversation of the acting user with `users` (one: a direct
    /// message; several: a group conversation), or returns the one with exactly these
    /// members. Guests may not open one.
    package static func dm(_ tx: Transaction, _ actor: Actor, _ users: [String]) throws -> (Channel, WriteOutcome) {
        guard actor.role != .guest else { throw CollabError.denied("\(actor.id) may not open direct conversations: guests may not") }
        for u in users {
            guard let user = try Directory.user(tx.sql, u) else { throw CollabError.notFound("user", u) }
            guard user.status == .active else { throw CollabError.invalid("user", u, "the user is disabled") }
        }
        let everyone = Set(users + [actor.id]).sorted()
        guard everyone.count >= 2 else { throw CollabError.invalid("user", actor.id, "name at least one other user") }
        if let existing = try directChannel(tx.sql, everyone) { return (existing, .unchanged) }
        var id = "dm-" + everyone.joined(separator: "-")
        if try id.utf8.count > 64 || channel(tx.sql, id) != nil {
            id = "dm-" + String(ChangeLog.sha256(Array(everyone.joined(separator: ",").utf8)).prefix(16))
        }
        try tx.sql.execute(
            "INSERT INTO channels (id, title, topic, visibility, owner, archived, rev, created, updated) VALUES (?, ?, NULL, 'direct', NULL, 0, 1, ?, ?)",
            [.text(id), .text(everyone.joined(separator: ", ")), .text(tx.timestamp), .text(tx.timestamp)])
        for u in everyone { try addMember(tx, id, u, grant: true) }
        let c = try requireChannel(tx.sql, id)
        try tx.record(.create, "channel", id, c.record)
        return (c, .created)
    }

    /// The direct conversation with exactly these members (sorted), if there is one.
    static func directChannel(_ sql: SQL, _ everyone: [String]) throws -> Channel? {
        let candidates = try sql.all(
            """
            SELECT c.id FROM channels c JOIN channel_members m ON m.channel = c.id
            WHERE c.visibility = 'direct' AND m.user_id = ? ORDER BY c.id
            """, [.text(everyone[0])]) { $0.string(0) }
        for id in candidates where try members(sql, id) == everyone { return try channel(sql, id) }
        return nil
    }

    private static func refuseDirect(_ c: Channel, _ verb: String) throws {
        if c.visibility == .direct {
            throw CollabError.conflict("cannot \(verb) '\(c.id)': the members of a direct conversation are fixed (open another with 'dm')")
        }
    }

    private static func addMember(_ tx: Transaction, _ channel: String, _ user: String, grant: Bool) throws {
        guard try Directory.user(tx.sql, user) != nil else { throw CollabError.notFound("user", user) }
        try tx.sql.execute(
            "INSERT INTO channel_members (channel, user_id) VALUES (?, ?) ON CONFLICT (channel, user_id) DO NOTHING",
            [.text(channel), .text(user)])
        if grant {
            let space = Space(type: "channel", id: channel, visibility: .private)
            try Access.grant(tx, space, AccessEntry(.user(user), .write))
        }
    }

    private static func removeMember(_ tx: Transaction, _ c: Channel, _ user: String) throws {
        try tx.sql.execute("DELETE FROM channel_members WHERE channel = ? AND user_id = ?", [.text(c.id), .text(user)])
        if c.visibility != .public { try Access.revoke(tx, c.space, .user(user)) }
    }

    private static func memberChange(_ tx: Transaction, _ c: inout Channel) throws {
        c.members = try members(tx.sql, c.id)
        try save(tx, &c)
    }

    /// Bumps the channel's rev, saves its fields and records the change.
    private static func save(_ tx: Transaction, _ c: inout Channel) throws {
        c.rev += 1
        c.updated = tx.timestamp
        c.members = try members(tx.sql, c.id)
        try tx.sql.execute(
            "UPDATE channels SET title = ?, topic = ?, visibility = ?, archived = ?, owner = ?, rev = ?, updated = ? WHERE id = ?",
            [.text(c.title), c.topic.map(SQLValue.text) ?? .null, .text(c.visibility.rawValue), .int(c.archived ? 1 : 0),
             c.owner.map(SQLValue.text) ?? .null, .int(c.rev), .text(c.updated), .text(c.id)])
        try tx.record(.update, "channel", c.id, c.record)
    }

    /// Calls `body` for each channel `actor` may read, in id order: direct conversations
    /// only where the actor is a member; archived ones only with `archived`.
    package static func eachChannel(
        _ sql: SQL, _ actor: Actor, joined: Bool = false, archived: Bool = false, limit: Int? = nil,
        _ body: (Channel) throws -> Bool
    ) throws {
        let cond = readable(actor)
        var where_ = [cond.sql, "(c.visibility <> 'direct' OR EXISTS (SELECT 1 FROM channel_members m WHERE m.channel = c.id AND m.user_id = ?))"]
        var args = cond.args + [.text(actor.id)]
        if joined {
            where_.append("EXISTS (SELECT 1 FROM channel_members m WHERE m.channel = c.id AND m.user_id = ?)")
            args.append(.text(actor.id))
        }
        if !archived { where_.append("c.archived = 0") }
        var q = "SELECT " + Channel.columns.split(separator: ",").map { "c." + String($0).trimmingSpaces }.joined(separator: ", ")
            + " FROM channels c WHERE " + where_.joined(separator: " AND ") + " ORDER BY c.id"
        if let limit { q += " LIMIT ?"; args.append(.int(Int64(limit))) }
        try sql.each(q, args) { r in
            var c = Channel.row(r)
            c.members = try members(sql, c.id)
            return try body(c)
        }
    }
}
