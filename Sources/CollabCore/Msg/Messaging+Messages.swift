extension Messaging {
    /// The message `msg-N` (or `N`), or exit 1.
    package static func requireMessage(_ sql: SQL, _ text: String) throws -> Message {
        let n = try Message.ids.number(text)
        guard let m = try sql.first("SELECT \(Message.columns) FROM messages m WHERE m.num = ?", [.int(n)], Message.row) else {
            throw CollabError.notFound("message", text)
        }
        return m
    }

    /// The message, if `actor` may read its channel.
    package static func readableMessage(_ sql: SQL, _ actor: Actor, _ text: String) throws -> Message {
        let m = try requireMessage(sql, text)
        _ = try readableChannel(sql, actor, m.channel)
        return m
    }

    /// Posts a message (write access to an unarchived channel). `thread` makes it a
    /// reply. Mentions are parsed from the text; attachments are `doc-N` ids. One delivery
    /// per webhook of the channel is queued in the same transaction.
    package static func post(
        _ tx: Transaction, _ actor: Actor, channel id: String, body: String, thread: Int64? = nil, attachments: [String] = [],
        key: String? = nil
    ) throws -> Message {
        // A post repeated with its key returns the message first posted, unchanged.
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "message", key: key) {
            return try readableMessage(tx.sql, actor, existing)
        }
        let c = try requireChannel(tx.sql, id)
        try require(tx.sql, actor, .write, c, to: "post in channel '\(id)'")
        guard !c.archived else { throw CollabError.conflict("channel '\(id)' is archived: nobody may post in it") }
        try checkBody(body)
        let docs = try attachments.map { try attachment(tx, actor, $0) }
        let mentions = try Mentions.parse(tx.sql, body)
        let m = Message(
            num: try tx.nextNumber("msg"), channel: id, author: actor.id, ts: tx.timestamp, body: body, thread: thread,
            mentions: mentions, attachments: docs, edited: nil, deleted: nil, rev: 1, updated: tx.timestamp)
        try insert(tx, m)
        try tx.record(.create, "message", m.id, m.record)
        try queueDeliveries(tx, m)
        if let key { try ExternalKeys.bind(tx, type: "message", key: key, id: m.id) }
        return m
    }

    /// Inserts a message row with its mentions and its index entry (no change record).
    static func insert(_ tx: Transaction, _ m: Message) throws {
        try tx.sql.execute(
            """
            INSERT INTO messages (num, channel, author, ts, body, thread, mentions, attachments, edited, deleted, rev, updated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.int(m.num), .text(m.channel), .text(m.author), .text(m.ts), m.body.map(SQLValue.text) ?? .null,
             m.thread.map(SQLValue.int) ?? .null, Message.joined(m.mentions), Message.joined(m.attachments),
             m.edited.map(SQLValue.text) ?? .null, m.deleted.map(SQLValue.text) ?? .null, .int(m.rev), .text(m.updated)])
        try index(tx, m)
    }

    /// Replies to a message: the reply joins the thread of the message's root.
    package static func reply(_ tx: Transaction, _ actor: Actor, to parent: String, body: String, attachments: [String] = []) throws -> Message {
        let p = try requireMessage(tx.sql, parent)
        return try post(tx, actor, channel: p.channel, body: body, thread: p.thread ?? p.num, attachments: attachments)
    }

    /// Changes a message's text (its author only). The change record of the post keeps
    /// the previous text in the audit chain.
    package static func edit(_ tx: Transaction, _ actor: Actor, _ text: String, body: String, ifRev: Int64? = nil) throws -> Message {
        var m = try requireMessage(tx.sql, text)
        guard m.author == actor.id else {
            throw CollabError.denied("\(actor.id) may not edit \(m.id): only its author (\(m.author)) may")
        }
        guard m.deleted == nil else { throw CollabError.conflict("\(m.id) was deleted: it cannot be edited") }
        let c = try requireChannel(tx.sql, m.channel)
        try require(tx.sql, actor, .write, c, to: "edit in channel '\(c.id)'")
        guard !c.archived else { throw CollabError.conflict("channel '\(c.id)' is archived: its messages cannot change") }
        try Revisions.check("message", m.id, current: m.rev, expected: ifRev)
        try checkBody(body)
        if body == m.body { return m }
        try unindex(tx, m)
        m.body = body
        m.mentions = try Mentions.parse(tx.sql, body)
        m.edited = tx.timestamp
        m.rev += 1
        m.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE messages SET body = ?, mentions = ?, edited = ?, rev = ?, updated = ? WHERE num = ?",
            [.text(body), Message.joined(m.mentions), .text(tx.timestamp), .int(m.rev), .text(m.updated), .int(m.num)])
        try index(tx, m)
        try tx.record(.update, "message", m.id, m.record)
        return m
    }

    /// Deletes a message: its author, or a manager of the channel. Soft by default: a
    /// tombstone stays (no body, mentions or attachments; `deleted` set). `purge` (admins
    /// only) removes the row itself. Deleting a tombstone again changes nothing.
    package static func delete(_ tx: Transaction, _ actor: Actor, _ text: String, purge: Bool = false, ifRev: Int64? = nil) throws -> (Message, Bool) {
        var m = try requireMessage(tx.sql, text)
        let c = try requireChannel(tx.sql, m.channel)
        if purge {
            try Access.requireAdmin(actor, "purge \(m.id)")
        } else if m.author != actor.id {
            try require(tx.sql, actor, .manage, c, to: "delete \(m.id) of \(m.author)")
        }
        try Revisions.check("message", m.id, current: m.rev, expected: ifRev)
        if m.deleted != nil && !purge { return (m, false) }
        try Holds.check(tx.sql, type: "message", id: m.id)
        try unindex(tx, m)
        m.body = nil
        m.mentions = []
        m.attachments = []
        m.deleted = m.deleted ?? tx.timestamp
        m.rev += 1
        m.updated = tx.timestamp
        if purge {
            try tx.sql.execute("DELETE FROM messages WHERE num = ?", [.int(m.num)])
            try tx.record(.delete, "message", m.id, m.record)
        } else {
            try tx.sql.execute(
                "UPDATE messages SET body = NULL, mentions = NULL, attachments = NULL, deleted = ?, rev = ?, updated = ? WHERE num = ?",
                [.text(m.deleted!), .int(m.rev), .text(m.updated), .int(m.num)])
            try tx.record(.update, "message", m.id, m.record)
        }
        return (m, true)
    }

    private static func checkBody(_ body: String) throws {
        guard !body.trimmingSpaces.isEmpty else { throw CollabError.invalid("body", body, "a message cannot be empty") }
    }

    /// An attached document: it must exist and the author must be able to read it (exit 1
    /// or 77), so that a message never points readers at nothing.
    private static func attachment(_ tx: Transaction, _ actor: Actor, _ text: String) throws -> String {
        let id: String
        do { id = SequenceId("doc").id(try SequenceId("doc").number(text)) } catch {
            throw CollabError.invalid("attach", text, "expected a document id like 'doc-7'")
        }
        return try Documents.readableDocument(tx.sql, actor, id).id
    }

    /// Adds the message's mentions and text to the search index.
    private static func index(_ tx: Transaction, _ m: Message) throws {
        for name in m.mentions {
            try tx.sql.execute("INSERT INTO message_mentions (name, msg) VALUES (?, ?) ON CONFLICT DO NOTHING", [.text(name), .int(m.num)])
        }
        if let body = m.body {
            try tx.sql.execute("INSERT INTO messages_fts (rowid, body) VALUES (?, ?)", [.int(m.num), .text(body)])
        }
    }

    /// Removes the message's mentions and text from the search index.
    private static func unindex(_ tx: Transaction, _ m: Message) throws {
        try tx.sql.execute("DELETE FROM message_mentions WHERE msg = ?", [.int(m.num)])
        if let body = m.body {
            try tx.sql.execute(FullText.removeMessage(tx.sql.dialect), [.int(m.num), .text(body)])
        }
    }
}
