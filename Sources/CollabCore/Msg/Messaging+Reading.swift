/// Which messages a list, a thread or a follow wants.
package struct MessageFilter: Sendable {
    /// Only these channels (nil: every channel the actor may read).
    package var channels: [String]?
    /// Posted at or after this time (RFC 3339).
    package var since: String?
    /// Posted before this time (RFC 3339).
    package var until: String?
    package var author: String?
    /// Only this thread: its root and its replies.
    package var thread: Int64?
    /// Only messages after this number.
    package var after: Int64?
    /// Only the newest this many (still printed oldest first).
    package var limit: Int?

    /// A filter.
    package init(
        channels: [String]? = nil, since: String? = nil, until: String? = nil, author: String? = nil, thread: Int64? = nil,
        after: Int64? = nil, limit: Int? = nil
    ) {
        self.channels = channels
        self.since = since
        self.until = until
        self.author = author
        self.thread = thread
        self.after = after
        self.limit = limit
    }
}

extension Messaging {
    /// Calls `body` for each message `actor` may read that the filter keeps, oldest first,
    /// streaming. Return false to stop.
    package static func eachMessage(_ sql: SQL, _ actor: Actor, _ f: MessageFilter, _ body: (Message) throws -> Bool) throws {
        let cond = readable(actor)
        var parts = [cond.sql]
        var args = cond.args
        if let chs = f.channels {
            guard !chs.isEmpty else { return }
            parts.append("m.channel IN (" + chs.map { _ in "?" }.joined(separator: ", ") + ")")
            args += chs.map(SQLValue.text)
        }
        if let s = f.since { parts.append("m.ts >= ?"); args.append(.text(s)) }
        if let u = f.until { parts.append("m.ts < ?"); args.append(.text(u)) }
        if let a = f.author { parts.append("m.author = ?"); args.append(.text(a)) }
        if let t = f.thread { parts.append("(m.num = ? OR m.thread = ?)"); args += [.int(t), .int(t)] }
        if let n = f.after { parts.append("m.num > ?"); args.append(.int(n)) }
        var q = "SELECT \(Message.columns) FROM messages m JOIN channels c ON c.id = m.channel WHERE " + parts.joined(separator: " AND ")
        if let limit = f.limit {
            q = "SELECT * FROM (" + q + " ORDER BY m.num DESC LIMIT ?) AS newest ORDER BY 1"
            args.append(.int(Int64(limit)))
        } else {
            q += " ORDER BY m.num"
        }
        try sql.each(q, args) { try body(Message.row($0)) }
    }

    /// The acting user's read cursor in a channel: the number of the last message read.
    package static func cursor(_ sql: SQL, _ user: String, _ channel: String) throws -> Int64 {
        try sql.int("SELECT last_read FROM channel_cursors WHERE user_id = ? AND channel = ?", [.text(user), .text(channel)]) ?? 0
    }

    /// Calls `body` for each message of the channel that `actor` has not read (after their
    /// cursor, not their own), oldest first; returns the newest message number of the
    /// channel, where the cursor goes once they are read.
    package static func eachUnread(_ sql: SQL, _ actor: Actor, channel: String, limit: Int? = nil, _ body: (Message) throws -> Void) throws -> Int64 {
        _ = try readableChannel(sql, actor, channel)
        let from = try cursor(sql, actor.id, channel)
        var last = from
        var shown = 0
        try sql.each(
            "SELECT \(Message.columns) FROM messages m WHERE m.channel = ? AND m.num > ? ORDER BY m.num", [.text(channel), .int(from)]
        ) { r in
            let m = Message.row(r)
            if let limit, shown >= limit { return false }
            last = m.num
            if m.author != actor.id && m.deleted == nil {
                try body(m)
                shown += 1
            }
            return true
        }
        return last
    }

    /// Moves the user's read cursor in a channel forward to `num` (never back), recording
    /// the `cursor` record. Returns whether it moved.
    @discardableResult
    package static func moveCursor(_ tx: Transaction, _ user: String, channel: String, to num: Int64) throws -> Bool {
        let current = try cursor(tx.sql, user, channel)
        guard num > current else { return false }
        try tx.sql.execute(
            """
            INSERT INTO channel_cursors (channel, user_id, last_read, updated) VALUES (?, ?, ?, ?)
            ON CONFLICT (user_id, channel) DO UPDATE SET last_read = excluded.last_read, updated = excluded.updated
            """, [.text(channel), .text(user), .int(num), .text(tx.timestamp)])
        var o = JSONObject()
        o["type"] = .string("cursor")
        o["id"] = .string("\(channel):\(user)")
        o["channel"] = .string(channel)
        o["user"] = .string(user)
        o["last_read"] = .string(Message.ids.id(num))
        o["updated"] = .string(tx.timestamp)
        try tx.record(.update, "cursor", "\(channel):\(user)", o)
        return true
    }

    /// Calls `body` with an `unread` record for each channel the actor is a member of
    /// (and may read) that has messages they have not read, in channel order.
    package static func eachUnreadCount(_ sql: SQL, _ actor: Actor, _ body: (JSONObject) throws -> Void) throws {
        let cond = readable(actor)
        let q = """
            SELECT c.id, c.visibility, coalesce(k.last_read, 0),
              (SELECT count(*) FROM messages m WHERE m.channel = c.id AND m.num > coalesce(k.last_read, 0) AND m.author <> ? AND m.deleted IS NULL),
              (SELECT count(*) FROM messages m WHERE m.channel = c.id AND m.num > coalesce(k.last_read, 0) AND m.author <> ? AND m.deleted IS NULL
                 AND EXISTS (SELECT 1 FROM message_mentions mm WHERE mm.msg = m.num
                   AND (mm.name = ? OR mm.name IN (SELECT group_id FROM group_members WHERE user_id = ?))))
            FROM channels c JOIN channel_members cm ON cm.channel = c.id AND cm.user_id = ?
            LEFT JOIN channel_cursors k ON k.channel = c.id AND k.user_id = ?
            WHERE \(cond.sql) ORDER BY c.id
            """
        let me = SQLValue.text(actor.id)
        try sql.each(q, [me, me, me, me, me, me] + cond.args) { r in
            guard r.int(3) > 0 else { return true }
            var o = JSONObject()
            o["type"] = .string("unread")
            o["id"] = .string(r.string(0))
            o["channel"] = .string(r.string(0))
            o["visibility"] = .string(r.string(1))
            o["unread"] = .int(r.int(3))
            o["mentions"] = .int(r.int(4))
            if r.int(2) > 0 { o["last_read"] = .string(Message.ids.id(r.int(2))) }
            try body(o)
            return true
        }
    }

    /// Calls `body` for each message of the actor's inbox, oldest first: messages not read
    /// yet that mention them (or a group of theirs), and messages of their direct
    /// conversations. `reason` is `mention` or `direct`.
    package static func eachInbox(_ sql: SQL, _ actor: Actor, _ body: (Message, String) throws -> Void) throws {
        let cond = readable(actor)
        let q = """
            SELECT \(Message.columns), c.visibility,
              EXISTS (SELECT 1 FROM message_mentions mm WHERE mm.msg = m.num
                AND (mm.name = ? OR mm.name IN (SELECT group_id FROM group_members WHERE user_id = ?)))
            FROM messages m JOIN channels c ON c.id = m.channel
            LEFT JOIN channel_cursors k ON k.channel = m.channel AND k.user_id = ?
            WHERE m.author <> ? AND m.deleted IS NULL AND m.num > coalesce(k.last_read, 0) AND \(cond.sql)
              AND ((c.visibility = 'direct' AND EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel = c.id AND cm.user_id = ?))
                OR EXISTS (SELECT 1 FROM message_mentions mm WHERE mm.msg = m.num
                  AND (mm.name = ? OR mm.name IN (SELECT group_id FROM group_members WHERE user_id = ?))))
            ORDER BY m.num
            """
        let me = SQLValue.text(actor.id)
        try sql.each(q, [me, me, me, me] + cond.args + [me, me, me]) { r in
            try body(Message.row(r), r.bool(13) ? "mention" : "direct")
            return true
        }
    }

    /// Full-text search over the messages `actor` may read, best first, each with a
    /// snippet where the words are marked `[…]`.
    package static func search(
        _ sql: SQL, _ actor: Actor, query: String, channel: String? = nil, author: String? = nil, since: String? = nil,
        limit: Int? = nil, _ body: (Message, String) throws -> Void
    ) throws {
        let match = try FullText.match(query, sql.dialect)
        let search = FullText.search("messages_fts", column: "body", position: 0, sql.dialect)
        let cond = readable(actor)
        var parts = [search.condition, cond.sql]
        var args: [SQLValue] = [.text(match)] + cond.args
        if let channel { parts.append("m.channel = ?"); args.append(.text(channel)) }
        if let author { parts.append("m.author = ?"); args.append(.text(author)) }
        if let since { parts.append("m.ts >= ?"); args.append(.text(since)) }
        var q = """
            SELECT \(Message.columns), \(search.snippet)
            FROM \(search.from) JOIN messages m ON m.num = messages_fts.rowid JOIN channels c ON c.id = m.channel
            WHERE \(parts.joined(separator: " AND ")) ORDER BY \(search.rank), m.num
            """
        if let limit { q += " LIMIT ?"; args.append(.int(Int64(limit))) }
        try sql.each(q, args) { r in
            try body(Message.row(r), r.string(12))
            return true
        }
    }
}
