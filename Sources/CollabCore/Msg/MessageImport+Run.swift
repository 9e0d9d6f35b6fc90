/// How an import went.
package struct MsgImportSummary: Sendable {
    /// Records written.
    package var written = 0
    /// Bad lines (or items).
    package var invalid = 0
    /// Lines of types collab does not keep, by type.
    package var unsupported: [String: Int] = [:]
}

extension Messaging {
    /// Imports messaging history (admins only), in the caller's one transaction. Every
    /// line (or Slack item) is tried and each bad one reported with its line number; the
    /// caller rolls back when any was bad, unless it skips them: then (`skipInvalid`) each
    /// line runs in its own savepoint, so that a bad one leaves nothing behind. (Savepoints
    /// are not free: SQLite copies each page a line changes to a statement journal, 20
    /// writes per message, measured.) `emit` gets each record written.
    package static func importHistory(
        _ tx: Transaction, _ actor: Actor, format: MsgInterchange.Format, lines: LineReader?, folder: String?, skipInvalid: Bool,
        emit: (JSONObject) throws -> Void, report: (CollabError) -> Void
    ) throws -> MsgImportSummary {
        try Access.requireAdmin(actor, "import messages")
        var summary = MsgImportSummary()
        func apply(_ item: MsgInterchange.Item, thread: Int64? = nil) throws -> Int64? {
            switch item {
            case .nothing:
                return nil
            case .unsupported(let type):
                summary.unsupported[type, default: 0] += 1
                return nil
            case .user(let spec, let channels):
                if try Directory.user(tx.sql, spec.id) == nil {
                    try emit(try Directory.addUser(tx, actor, spec).0.record)
                    summary.written += 1
                }
                for ch in channels {
                    guard try channel(tx.sql, ch) != nil else { throw CollabError.invalid("channel", ch, "no such channel") }
                    if let c = try importChannel(tx, ChannelImport(id: ch, members: [spec.id])) {
                        try emit(c.record)
                        summary.written += 1
                    }
                }
                return nil
            case .channel(let ci):
                if let c = try importChannel(tx, ci) {
                    try emit(c.record)
                    summary.written += 1
                }
                return nil
            case .direct(let members):
                let before = try directChannel(tx.sql, Set(members).sorted())
                let c = try importDirect(tx, members)
                if before == nil {
                    try emit(c.record)
                    summary.written += 1
                }
                return nil
            case .message(var mi):
                if let thread { mi.thread = thread }
                let (m, created) = try importMessage(tx, mi)
                if created {
                    try emit(m.record)
                    summary.written += 1
                }
                for var r in mi.replies {
                    r.channel = m.channel
                    r.directMembers = nil
                    _ = try apply(.message(r), thread: m.thread ?? m.num)
                }
                return m.thread ?? m.num
            }
        }
        func guarded(_ line: Int?, _ place: String?, _ body: () throws -> Void) {
            do { if skipInvalid { try tx.savepoint(body) } else { try body() } } catch let e as CollabError {
                var e = e
                if let line { e = e.at(line: line); e.message = "line \(line): " + e.message }
                if let place { e.message = place + ": " + e.message }
                report(e)
                summary.invalid += 1
            } catch {
                report(CollabError(.internal, "\(error) (please report)", line: line))
                summary.invalid += 1
            }
        }
        if format == .slack {
            guard let folder else { throw CollabError(.usage, "a Slack import reads an unzipped export folder: give its path") }
            var roots: [String: Int64] = [:]
            try MsgInterchange.slack(folder) { item, place, thread in
                guarded(nil, place) {
                    let parent = thread?.parent.flatMap { roots[$0] }
                    if let root = try apply(item, thread: parent), let key = thread?.key { roots[key] = root }
                }
            }
            return summary
        }
        guard let lines else { throw CollabError(.usage, "nothing to read") }
        let reader = NDJSONReader(lines)
        var first = true
        while let (n, result) = try reader.next() {
            guarded(n, nil) {
                let o = try result.get()
                if format == .mattermost && first && o["type"]?.stringValue != "version" {
                    throw CollabError.invalid("type", o["type"]?.stringValue ?? "", "a Mattermost file starts with its version line")
                }
                _ = try apply(format == .mattermost ? try MsgInterchange.mattermost(o) : try MsgInterchange.native(o))
            }
            first = false
        }
        return summary
    }

    /// Calls `body` with the native records of every channel `actor` may read (admins:
    /// every channel), then of their messages, oldest first: what `import` reads back.
    package static func exportNative(_ sql: SQL, _ actor: Actor, _ body: (JSONObject) throws -> Void) throws {
        let cond = readable(actor)
        try sql.each("SELECT c.id FROM channels c WHERE \(cond.sql) ORDER BY c.id", cond.args) { r in
            try body(try requireChannel(sql, r.string(0)).record)
            return true
        }
        try sql.each(
            "SELECT \(Message.columns) FROM messages m JOIN channels c ON c.id = m.channel WHERE \(cond.sql) ORDER BY m.num", cond.args
        ) { r in
            try body(Message.row(r).record)
            return true
        }
    }

    /// Calls `body` with the lines of a Mattermost bulk import file holding every channel,
    /// its members, and every message (admins only): version, team, channels, users,
    /// posts with their replies, direct channels, direct posts. Deleted messages are left
    /// out; times are kept to the second.
    package static func exportMattermost(_ sql: SQL, _ actor: Actor, team: String, _ body: (JSONObject) throws -> Void) throws {
        try Access.requireAdmin(actor, "export to Mattermost")
        try body(JSONObject([("type", .string("version")), ("version", .int(1))]))
        try body(JSONObject([("type", .string("team")), ("team", .object(JSONObject([
            ("name", .string(team)), ("display_name", .string(team)), ("type", .string("O")),
        ])))]))
        try sql.each("SELECT \(Channel.columns) FROM channels WHERE visibility <> 'direct' ORDER BY id") { r in
            let c = Channel.row(r)
            var o = JSONObject([("team", .string(team)), ("name", .string(c.id)), ("display_name", .string(c.title)),
                                ("type", .string(c.visibility == .private ? "P" : "O"))])
            o.set("header", c.topic)
            try body(JSONObject([("type", .string("channel")), ("channel", .object(o))]))
            return true
        }
        try sql.each(
            """
            SELECT u.id, u.name, u.email FROM users u WHERE EXISTS (SELECT 1 FROM channel_members cm WHERE cm.user_id = u.id)
               OR EXISTS (SELECT 1 FROM messages m WHERE m.author = u.id) ORDER BY u.id
            """
        ) { r in
            let id = r.string(0)
            let channels = try sql.all(
                """
                SELECT cm.channel FROM channel_members cm JOIN channels c ON c.id = cm.channel
                WHERE cm.user_id = ? AND c.visibility <> 'direct' ORDER BY cm.channel
                """, [.text(id)]) { JSONValue.object(JSONObject([("name", .string($0.string(0)))])) }
            var u = JSONObject([("username", .string(id))])
            u.set("email", r.optString(2))
            u["nickname"] = .string(r.string(1))
            u["teams"] = .array([.object(JSONObject([("name", .string(team)), ("channels", .array(channels))]))])
            try body(JSONObject([("type", .string("user")), ("user", .object(u))]))
            return true
        }
        try exportPosts(sql, team: team, direct: false, body)
        try sql.each("SELECT id FROM channels WHERE visibility = 'direct' ORDER BY id") { r in
            let members = try members(sql, r.string(0))
            try body(JSONObject([("type", .string("direct_channel")), ("direct_channel", .object(JSONObject([
                ("members", .array(members.map(JSONValue.string))),
            ])))]))
            return true
        }
        try exportPosts(sql, team: team, direct: true, body)
    }

    private static func exportPosts(_ sql: SQL, team: String, direct: Bool, _ body: (JSONObject) throws -> Void) throws {
        try sql.each(
            """
            SELECT \(Message.columns) FROM messages m JOIN channels c ON c.id = m.channel
            WHERE m.thread IS NULL AND m.deleted IS NULL AND c.visibility \(direct ? "=" : "<>") 'direct' ORDER BY m.num
            """
        ) { r in
            let m = Message.row(r)
            let replies = try sql.all(
                "SELECT \(Message.columns) FROM messages m WHERE m.thread = ? AND m.deleted IS NULL ORDER BY m.num", [.int(m.num)], Message.row)
            try body(MsgInterchange.mattermostPost(m, replies: replies, team: team, direct: direct ? try members(sql, m.channel) : nil))
            return true
        }
    }
}
