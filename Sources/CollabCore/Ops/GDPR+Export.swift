#if canImport(Glibc)
import Glibc
#endif

extension GDPR {
    /// Calls `emit` with every record about or by `userId` (admin only), each domain's own
    /// record, in this order: the user, their groups, the channels they are in, own or wrote in, and their
    /// read cursors, messages they wrote or that mention them, projects they own, tasks
    /// they created, are assigned or commented, comments they wrote or that name them,
    /// documents they own or versioned or decided on, with those versions, circuits they
    /// started, their decisions, delegations from or to them, their public keys, calendars
    /// they own, events they organise or attend, rooms they manage, and the change entries
    /// they made or that changed their user record.
    ///
    /// With `dir`, the same records are also written to DIR/records.ndjson, and the bytes
    /// of every version of a document they own, and of every version they stored, to
    /// DIR/documents/DOC@N-TITLE; each file is a `file` record (also in
    /// DIR/manifest.ndjson) with its path relative to DIR, size and SHA-256.
    package static func export(
        _ sql: SQL, _ actor: Actor, _ userId: String, dir: String?, _ emit: (JSONObject) throws -> Void
    ) throws {
        try Access.requireAdmin(actor, "export a user's data")
        let user = try Directory.requireUser(sql, userId)
        let out = try ExportFiles(dir)
        defer { out.close() }
        func put(_ r: JSONObject) throws {
            try emit(r)
            try out.record(r)
        }
        let u: [SQLValue] = [.text(user.id)]
        let needles = needles(user)

        try put(user.record)
        for g in user.groups { if let group = try Directory.group(sql, g) { try put(group.record) } }
        try exportMessaging(sql, user.id, needles, put)
        for id in try sql.all("SELECT id FROM projects WHERE owner = ? ORDER BY id", u, { $0.string(0) }) {
            if let p = try Projects.get(sql, id) { try put(p.record) }
        }
        let taskText = Redaction.condition("t.title", needles), taskDesc = Redaction.condition("t.description", needles)
        let tasks = try sql.all(
            """
            SELECT t.n FROM tasks t WHERE t.author = ? OR t.assignee = ?
              OR 'task-' || t.n IN (SELECT on_id FROM comments WHERE author = ?) OR \(taskText.sql) OR \(taskDesc.sql)
            ORDER BY t.n
            """, u + u + u + taskText.args + taskDesc.args
        ) { $0.int(0) }
        for n in tasks { if let t = try Tasks.get(sql, n) { try put(t.record()) } }
        let commentText = Redaction.condition("body", needles)
        try sql.each("SELECT n, on_id, author, ts, body FROM comments WHERE author = ? OR \(commentText.sql) ORDER BY n", u + commentText.args) { r in
            try put(Comments.record(n: r.int(0), on: r.string(1), author: r.string(2), ts: r.string(3), body: r.string(4)))
            return true
        }
        try exportDocuments(sql, user.id, out, put)
        try exportCalendar(sql, user.id, put)
        try sql.each(
            "SELECT \(AuditLog.columns) FROM changes WHERE actor = ? OR (rtype = 'user' AND rid = ?) ORDER BY seq", u + u
        ) { r in
            try put(try AuditLog.change(r).output())
            return true
        }
    }

    private static func exportMessaging(_ sql: SQL, _ user: String, _ needles: [String], _ put: (JSONObject) throws -> Void) throws {
        let u: [SQLValue] = [.text(user)]
        let channels = try sql.all(
            """
            SELECT channel FROM channel_members WHERE user_id = ? UNION SELECT id FROM channels WHERE owner = ?
            UNION SELECT channel FROM messages WHERE author = ? ORDER BY 1
            """, u + u + u
        ) { $0.string(0) }
        for id in channels { if let c = try Messaging.channel(sql, id) { try put(c.record) } }
        try sql.each("SELECT channel, last_read, updated FROM channel_cursors WHERE user_id = ? ORDER BY channel", u) { r in
            try put(JSONObject([
                ("type", .string("read_cursor")), ("id", .string("\(user):\(r.string(0))")), ("user", .string(user)),
                ("channel", .string(r.string(0))), ("last_read", .string(Message.ids.id(r.int(1)))), ("updated", .string(r.string(2))),
            ]))
            return true
        }
        let named = Redaction.condition("m.body", needles)
        try sql.each(
            """
            SELECT \(Message.columns) FROM messages m
            WHERE m.author = ? OR m.num IN (SELECT msg FROM message_mentions WHERE name = ?) OR \(named.sql)
            ORDER BY m.num
            """, u + u + named.args
        ) { r in
            try put(Message.row(r).record)
            return true
        }
    }

    private static func exportDocuments(_ sql: SQL, _ user: String, _ out: ExportFiles, _ put: (JSONObject) throws -> Void) throws {
        let u: [SQLValue] = [.text(user)]
        let docs = try sql.all(
            """
            SELECT \(Document.columns) FROM documents WHERE owner = ?
              OR id IN (SELECT doc FROM versions WHERE author = ?)
              OR id IN (SELECT doc FROM decisions WHERE by_user = ? OR on_behalf_of = ?)
            ORDER BY num
            """, u + u + u + u
        ) { Document.row($0) }
        for doc in docs {
            try put(try doc.record(sql))
            let versions = try sql.all("SELECT \(Version.columns) FROM versions WHERE doc = ? ORDER BY n", [.text(doc.id)], Version.row)
            for v in versions where doc.owner == user || v.author == user {
                try put(v.record)
                if let file = try out.content(sql, v, title: doc.title) { try put(file) }
            }
        }
        for c in try sql.all("SELECT \(Circuit.columns) FROM circuits WHERE started_by = ? ORDER BY num", u, Circuit.row) {
            try put(try c.record(sql))
        }
        try sql.each("SELECT \(Decision.columns) FROM decisions WHERE by_user = ? OR on_behalf_of = ? ORDER BY num", u + u) { r in
            try put(Decision.row(r).record())
            return true
        }
        try sql.each(
            "SELECT id, from_user, to_user, starts, ends, created FROM delegations WHERE from_user = ? OR to_user = ? ORDER BY num", u + u
        ) { r in
            try put(Circuits.Delegation.row(r).record)
            return true
        }
        try sql.each("SELECT \(SigningKey.columns) FROM signing_keys WHERE owner_type = 'user' AND owner = ? ORDER BY num", u) { r in
            try put(SigningKey.row(r).record)
            return true
        }
    }

    private static func exportCalendar(_ sql: SQL, _ user: String, _ put: (JSONObject) throws -> Void) throws {
        let u: [SQLValue] = [.text(user)]
        for id in try sql.all("SELECT id FROM calendars WHERE owner = ? ORDER BY id", u, { $0.string(0) }) {
            if let c = try Cal.calendar(sql, id) { try put(c.record) }
        }
        let events = try sql.all(
            """
            SELECT id FROM events WHERE organizer = ? OR id IN (SELECT event_id FROM attendees WHERE user_id = ?)
            ORDER BY created, id
            """, u + u
        ) { $0.string(0) }
        for id in events { if let e = try Cal.event(sql, id) { try put(e.record) } }
        for id in try sql.all("SELECT room_id FROM room_managers WHERE user_id = ? ORDER BY room_id", u, { $0.string(0) }) {
            if let r = try Cal.room(sql, id) { try put(r.record) }
        }
    }
}

/// The files of an export: DIR/records.ndjson, DIR/manifest.ndjson and DIR/documents/.
/// Without a folder, nothing is written.
final class ExportFiles {
    let dir: String?
    private var records: Int32 = -1
    private var manifest: Int32 = -1
    private var written: Set<String> = []

    init(_ dir: String?) throws {
        self.dir = dir
        guard let dir else { return }
        try Self.makeFolder(dir)
        try Self.makeFolder(dir + "/documents")
        records = try Self.create(dir + "/records.ndjson")
        manifest = try Self.create(dir + "/manifest.ndjson")
    }

    /// Appends a record to records.ndjson.
    func record(_ r: JSONObject) throws {
        guard let dir, records >= 0 else { return }
        try ContentStore.writeAll(records, Array((JSONWriter.compact(r) + "\n").utf8), name: dir + "/records.ndjson")
    }

    /// Writes a version's bytes once; returns its `file` record (nil without a folder).
    func content(_ sql: SQL, _ v: Version, title: String) throws -> JSONObject? {
        guard let dir else { return nil }
        let relative = "documents/\(v.doc)@\(v.n)-\(Self.safeName(title))"
        guard written.insert(relative).inserted else { return nil }
        let path = dir + "/" + relative
        let fd = try Self.create(path)
        defer { Glibc.close(fd) }
        try ContentStore.write(sql, v.sha256, to: fd, name: path)
        let file = JSONObject([
            ("type", .string("file")), ("id", .string(relative)), ("doc", .string(v.doc)), ("version", .int(v.n)),
            ("size", .int(v.size)), ("sha256", .string(v.sha256)), ("media_type", .string(v.mediaType)),
        ])
        try ContentStore.writeAll(manifest, Array((JSONWriter.compact(file) + "\n").utf8), name: dir + "/manifest.ndjson")
        return file
    }

    func close() {
        if records >= 0 { Glibc.close(records) }
        if manifest >= 0 { Glibc.close(manifest) }
        records = -1
        manifest = -1
    }

    /// A title as a file name: letters, digits, '.', '-' and '_' kept, anything else '_'.
    static func safeName(_ title: String) -> String {
        var s = String(title.unicodeScalars.map { c -> Character in
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "-" || c == "_"
            return ok ? Character(c) : "_"
        })
        while s.hasPrefix(".") { s.removeFirst() }
        return s.isEmpty ? "content" : String(s.prefix(100))
    }

    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw CollabError(.io, "cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    private static func create(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CollabError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        return fd
    }
}
