/// Import and export of tasks: collab's own NDJSON records, and Taskwarrior's JSON
/// (`task export` / `task import`).
///
/// Taskwarrior mapping: uuid ↔ uuid; description ↔ title; status pending ↔ todo (doing
/// when it has a start), completed ↔ done, deleted ↔ cancelled, waiting ↔ todo and
/// recurring (Taskwarrior's template) ↔ cancelled, the original status kept; entry ↔ created, modified ↔ updated, end ↔ done_at,
/// due ↔ due, start ↔ start (times as YYYYMMDDTHHMMSSZ); priority H ↔ high (urgent exports
/// as H), M ↔ normal, L ↔ low, none ↔ normal; project ↔ project (a name that is not a slug
/// is made one, the original kept); tags ↔ tags; depends (UUIDs) ↔ depends; annotations
/// ↔ comments; recur ↔ recur. Every other field (wait, scheduled, until, mask, imask,
/// parent, rtype, user-defined attributes) is kept and exported back unchanged; `id` and
/// `urgency` are computed by Taskwarrior and dropped.
package enum TaskInterchange {
    /// The formats of `import` and `export`.
    package enum Format: String, Sendable {
        case collab, taskwarrior
    }

    /// One task read from an input line, before it is written.
    struct Item {
        var line: Int
        var uuid: String
        var fileId: String?
        var key: String?
        var title: String
        var description: String?
        var project: String?
        var projectName: String?
        var status: TaskStatus = .todo
        var priority: TaskPriority = .normal
        var assignee: String?
        var due: String?
        var start: String?
        var estimate: String?
        var tags: [String] = []
        var depends: [String] = []
        var parent: String?
        var recur: String?
        var doneAt: String?
        var created: String?
        var updated: String?
        var extra: JSONObject?
        var comments: [(ts: String, body: String)] = []
    }

    // MARK: - Reading

    /// Reads every record of `input`: NDJSON lines, or (Taskwarrior) one JSON array.
    static func records(_ input: LineReader, _ each: (Int, Result<JSONObject, CollabError>) throws -> Void) throws {
        if try input.peekFirstByte() == UInt8(ascii: "[") {
            var bytes: [UInt8] = []
            while let line = try input.next() {
                switch line {
                case .tooLong(let n): throw CollabError(.badInput, "line \(n): too long", line: n)
                case .text(_, let b): bytes += b + [10]
                }
            }
            let value: JSONValue
            do { value = try bytes.withUnsafeBufferPointer { try JSONParser.parse(bytes: $0) } } catch {
                throw CollabError(.badInput, "invalid JSON array: \(error)", line: 1)
            }
            guard case .array(let items) = value else { throw CollabError(.badInput, "expected a JSON array of tasks", line: 1) }
            for (i, v) in items.enumerated() {
                if case .object(let o) = v { try each(i + 1, .success(o)) } else {
                    try each(i + 1, .failure(CollabError(.badInput, "item \(i + 1): expected a JSON object, got \(v.kindName)", line: i + 1)))
                }
            }
            return
        }
        let reader = NDJSONReader(input)
        while let (n, r) = try reader.next() { try each(n, r) }
    }

    static func twTime(_ v: JSONValue?, _ field: String) throws -> String? {
        guard let v else { return nil }
        guard let s = v.stringValue else { throw CollabError.invalid(field, v.cellText, "expected a time like 20261201T130000Z") }
        let b = Array(s.utf8)
        if b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z") {
            let iso = "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.dropFirst(6).prefix(2))T\(s.dropFirst(9).prefix(2)):\(s.dropFirst(11).prefix(2)):\(s.dropFirst(13).prefix(2))Z"
            if let i = RFC3339.parse(iso) { return RFC3339.format(i) }
        }
        if let i = RFC3339.parse(s) { return RFC3339.format(i) }
        throw CollabError.invalid(field, s, "expected a time like 20261201T130000Z")
    }

    static func twText(_ rfc3339: String) -> String {
        // 2026-12-01T13:00:00Z -> 20261201T130000Z
        String(rfc3339.filter { $0 != "-" && $0 != ":" })
    }

    /// A project slug for a Taskwarrior project name (`PLU.Phase1` → `plu.phase1`).
    static func slug(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "_" || ch == "-") { out.append(ch) } else if !out.isEmpty && out.last != "-" { out.append("-") }
        }
        while out.hasPrefix(".") || out.hasPrefix("_") || out.hasPrefix("-") { out.removeFirst() }
        if out.count > 64 { out = String(out.prefix(64)) }
        return out.isEmpty ? "imported" : out
    }

    static func item(taskwarrior o: JSONObject, line: Int) throws -> Item {
        guard let uuid = o["uuid"]?.stringValue, UUIDText.isValid(uuid) else { throw CollabError(.badInput, "missing or invalid uuid", field: "uuid") }
        guard let title = o["description"]?.stringValue, !title.trimmingSpaces.isEmpty else { throw CollabError.missing("description") }
        var it = Item(line: line, uuid: uuid.lowercased(), title: title)
        var extra = JSONObject()
        let known: Set<String> = ["uuid", "description", "status", "entry", "modified", "end", "due", "start", "priority", "project", "tags",
                                  "depends", "annotations", "recur", "id", "urgency"]
        for (k, v) in o where !known.contains(k) { extra[k] = v }
        let status = o["status"]?.stringValue ?? "pending"
        switch status {
        case "pending": it.status = o["start"] != nil ? .doing : .todo
        case "completed": it.status = .done
        case "deleted": it.status = .cancelled
        case "waiting":
            it.status = .todo
            extra["status"] = .string(status)
        case "recurring":
            // Taskwarrior's recurrence template: kept, but out of the open lists.
            it.status = .cancelled
            extra["status"] = .string(status)
        default: throw CollabError.invalid("status", status, "expected pending, completed, deleted, waiting or recurring")
        }
        it.created = try twTime(o["entry"], "entry")
        it.updated = try twTime(o["modified"], "modified") ?? it.created
        it.doneAt = try twTime(o["end"], "end")
        it.due = try twTime(o["due"], "due")
        it.start = try twTime(o["start"], "start")
        switch o["priority"]?.stringValue {
        case nil: break
        case "H": it.priority = .high
        case "M":
            it.priority = .normal
            extra["priority"] = .string("M")
        case "L": it.priority = .low
        case let p?: throw CollabError.invalid("priority", p, "expected H, M or L")
        }
        if let p = o["project"]?.stringValue, !p.isEmpty {
            it.project = slug(p)
            it.projectName = p
            if it.project != p { extra["project"] = .string(p) }
        }
        it.tags = try (o["tags"]?.arrayValue ?? []).map { v in
            guard let t = v.stringValue else { throw CollabError.invalid("tags", v.cellText, "expected strings") }
            return try TaskTag.validate(t)
        }
        switch o["depends"] {
        case .string(let s)?: it.depends = s.split(separator: ",").map { String($0).lowercased() }
        case .array(let a)?: it.depends = a.compactMap(\.stringValue).map { $0.lowercased() }
        default: break
        }
        for d in it.depends where !UUIDText.isValid(d) { throw CollabError.invalid("depends", d, "expected task UUIDs") }
        for a in o["annotations"]?.arrayValue ?? [] {
            guard let ao = a.objectValue, let body = ao["description"]?.stringValue else { continue }
            it.comments.append((try twTime(ao["entry"], "annotations.entry") ?? it.created ?? "", body))
        }
        if let r = o["recur"]?.stringValue {
            if (try? TaskRecurrence.parse(r)) != nil, it.due != nil { it.recur = r } else { extra["recur"] = .string(r) }
        }
        it.extra = extra.count == 0 ? nil : extra
        return it
    }

    static func item(collab o: JSONObject, line: Int) throws -> Item {
        if let t = o["type"]?.stringValue, t != "task" { throw CollabError.invalid("type", t, "expected task records") }
        guard let title = o["title"]?.stringValue, !title.trimmingSpaces.isEmpty else { throw CollabError.missing("title") }
        let uuid: String
        if let u = o["uuid"]?.stringValue {
            guard UUIDText.isValid(u) else { throw CollabError.invalid("uuid", u, "expected a UUID") }
            uuid = u.lowercased()
        } else {
            uuid = UUIDText.random()
        }
        var it = Item(line: line, uuid: uuid, title: title)
        func text(_ k: String) throws -> String? {
            guard let v = o[k] else { return nil }
            guard let s = v.stringValue else { throw CollabError.invalid(k, v.cellText, "expected a string") }
            return s
        }
        func time(_ k: String) throws -> String? {
            guard let s = try text(k) else { return nil }
            guard let i = RFC3339.parse(s) else { throw CollabError.invalid(k, s, "expected an RFC 3339 time") }
            return RFC3339.format(i)
        }
        it.fileId = try text("id")
        it.key = try text("key")
        it.description = try text("description")
        if let p = try text("project") { it.project = try Slug.validate(p, field: "project") }
        if let s = try text("status") {
            guard let st = TaskStatus(rawValue: s) else { throw CollabError.invalid("status", s, "expected todo, doing, blocked, done or cancelled") }
            it.status = st == .blocked ? .todo : st
        }
        if let p = try text("priority") {
            guard let pr = TaskPriority(rawValue: p) else { throw CollabError.invalid("priority", p, "expected low, normal, high or urgent") }
            it.priority = pr
        }
        if let a = try text("assignee") { it.assignee = try Slug.validate(a, field: "assignee") }
        it.due = try time("due")
        it.start = try time("start")
        it.doneAt = try time("done_at")
        it.created = try time("created")
        it.updated = try time("updated")
        if let e = try text("estimate") {
            do { it.estimate = try ISODuration.parse(e).iso } catch { throw CollabError.invalid("estimate", e, "expected a duration like PT2H") }
        }
        it.tags = try (o["tags"]?.arrayValue ?? []).map { try TaskTag.validate($0.stringValue ?? "") }
        it.depends = (o["depends"]?.arrayValue ?? []).compactMap(\.stringValue)
        it.parent = try text("parent")
        if let r = try text("recur") {
            _ = try TaskRecurrence.parse(r)
            guard it.due != nil else { throw CollabError(.badInput, "a recurring task needs a due time", field: "recur") }
            it.recur = r
        }
        return it
    }

    // MARK: - Import

    /// Imports every task of `input` in `tx`: by uuid, a known task is updated when its
    /// fields differ and left alone otherwise, so importing a file twice changes nothing.
    /// Projects that do not exist are created (private, owned by the importer).
    /// Dependencies and parents name tasks of the file (by uuid or id) or of the store.
    /// Bad lines are reported; without `skipInvalid` any bad line fails the import.
    package static func run(
        _ tx: Transaction, _ actor: Actor, input: LineReader, format: Format, skipInvalid: Bool, zone: String,
        emit: (JSONObject) throws -> Void, report: (CollabError) -> Void
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        var seen = Set<String>()
        var numberOf: [String: Int64] = [:]  // uuid or file id -> n
        var before: [Int64: TaskItem] = [:]
        // Tasks whose record needs the whole file (dependencies, a parent, comments) or
        // that existed: finished after the last line. The others are recorded at once.
        var deferred: [(Item, Int64)] = []
        try records(input) { n, result in
            do {
                let o = try result.get()
                let it = try format == .taskwarrior ? item(taskwarrior: o, line: n) : item(collab: o, line: n)
                guard seen.insert(it.uuid).inserted else { throw CollabError(.badInput, "task \(it.uuid) appears twice in the input", field: "uuid") }
                let (number, created) = try tx.savepointIf(skipInvalid) {
                    try writeRow(tx, actor, it, zone: zone, before: &before)
                }
                numberOf[it.uuid] = number
                if let f = it.fileId { numberOf[f] = number }
                if let created, it.depends.isEmpty, it.parent == nil, it.comments.isEmpty {
                    let r = created.record()
                    try tx.record(.create, "task", created.id, r)
                    summary.created += 1
                    try emit(r)
                } else {
                    deferred.append((it, number))
                }
            } catch let e as CollabError {
                summary.invalid += 1
                report(e.inputLine == nil ? e.at(line: n) : e)
            }
        }
        func resolve(_ ref: String) throws -> Int64 {
            if let n = numberOf[ref] ?? numberOf[ref.lowercased()] { return n }
            if UUIDText.isValid(ref), let n = try tx.sql.int("SELECT n FROM tasks WHERE uuid = ?", [.text(ref.lowercased())]) { return n }
            if let n = try? TaskItem.ids.number(ref), try tx.sql.int("SELECT 1 FROM tasks WHERE n = ?", [.int(n)]) != nil { return n }
            throw CollabError.invalid("depends", ref, "no such task in the input or the store")
        }
        var done: [Int64] = []
        for (it, n) in deferred {
            do {
                try tx.savepointIf(skipInvalid) {
                    let deps = try Set(it.depends.map(resolve))
                    let current = Set(try tx.sql.all("SELECT depends FROM task_deps WHERE task = ?", [.int(n)]) { $0.int(0) })
                    if deps != current {
                        try tx.sql.execute("DELETE FROM task_deps WHERE task = ?", [.int(n)])
                        for d in deps.sorted() {
                            guard d != n else { throw CollabError.invalid("depends", it.uuid, "a task cannot depend on itself") }
                            if try Tasks.reaches(tx.sql, from: d, to: n) { throw CollabError.invalid("depends", "task-\(d)", "that would be a cycle") }
                            try tx.sql.execute("INSERT INTO task_deps (task, depends) VALUES (?, ?)", [.int(n), .int(d)])
                        }
                    }
                    let parent = try it.parent.map(resolve)
                    try tx.sql.execute("UPDATE tasks SET parent = ? WHERE n = ?", [.int(parent), .int(n)])
                    for c in it.comments where try tx.sql.int(
                        "SELECT 1 FROM comments WHERE on_id = ? AND ts = ? AND body = ?", [.text(TaskItem.ids.id(n)), .text(c.ts), .text(c.body)]) == nil {
                        try Comments.add(tx, on: TaskItem.ids.id(n), author: actor.id, body: c.body, ts: c.ts)
                    }
                }
                done.append(n)
            } catch let e as CollabError {
                summary.invalid += 1
                report(e.inputLine == nil ? e.at(line: it.line) : e)
            }
        }
        for n in done {
            var now = try Tasks.reload(tx, n)
            if let old = before[n] {
                if now.record() == old.record() && now.extra == old.extra {
                    summary.unchanged += 1
                } else {
                    now.rev = old.rev + 1
                    now.updated = tx.timestamp
                    try tx.sql.execute("UPDATE tasks SET rev = ?, updated = ? WHERE n = ?", [.int(now.rev), .text(now.updated), .int(n)])
                    try tx.record(.update, "task", now.id, now.record())
                    summary.updated += 1
                }
            } else {
                try tx.record(.create, "task", now.id, now.record())
                summary.created += 1
            }
            try emit(now.record())
        }
        return summary
    }

    /// Writes the row of one item (not its dependencies); returns its number.
    private static func writeRow(
        _ tx: Transaction, _ actor: Actor, _ it: Item, zone: String, before: inout [Int64: TaskItem]
    ) throws -> (Int64, TaskItem?) {
        if let p = it.project {
            try tx.once("project-write:" + p) {
                if let project = try Projects.get(tx.sql, p) {
                    try Access.require(actor, .write, in: project.space, to: "import tasks into project '\(p)'", publicLevel: .write, tx.sql)
                } else {
                    var spec = ProjectSpec()
                    spec.title = it.projectName ?? p
                    spec.visibility = .private
                    _ = try Projects.add(tx, actor, id: p, spec)
                }
            }
        }
        if let a = it.assignee {
            try tx.once("user:" + a) { try Projects.requireUser(tx.sql, a, field: "assignee") }
        }
        let existing = try tx.sql.int("SELECT n FROM tasks WHERE uuid = ?", [.text(it.uuid)])
        var extraText: String?
        if let e = it.extra { extraText = String(decoding: JSONWriter.canonical(.object(e)), as: UTF8.self) }
        let n: Int64
        if let existing {
            n = existing
            let old = try Tasks.reload(tx, n)
            try Tasks.require(tx.sql, actor, .write, old, to: "import over")
            before[n] = old
            if extraText == nil { extraText = old.extra }
        } else {
            n = try tx.nextNumber("task")
            let now = tx.timestamp
            let recurring = it.recur != nil
            try tx.sql.execute(
                """
                INSERT INTO tasks (n, uuid, title, description, project, status, priority, assignee, author, due, start, estimate,
                    estimate_s, recur, recur_zone, recur_anchor, recur_index, done_at, extra, rev, created, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """,
                [.int(n), .text(it.uuid), .text(it.title), .text(it.description), .text(it.project), .text(it.status.rawValue),
                 .text(it.priority.rawValue), .text(it.assignee), .text(actor.id), .text(it.due), .text(it.start), .text(it.estimate),
                 .int(try it.estimate.map { try ISODuration.parse($0).totalSeconds }), .text(it.recur), .text(recurring ? zone : nil),
                 .text(recurring ? it.due : nil), .int(recurring ? Int64(1) : nil),
                 .text(it.status == .done || it.status == .cancelled ? it.doneAt : nil), .text(extraText),
                 .text(it.created ?? now), .text(it.updated ?? it.created ?? now)])
            if let key = it.key { try ExternalKeys.bind(tx, type: "task", key: key, id: TaskItem.ids.id(n)) }
            let tags = Set(it.tags).sorted()
            for t in tags { try tx.sql.execute("INSERT INTO task_tags (task, tag) VALUES (?, ?)", [.int(n), .text(t)]) }
            // The new task as stored, for its record.
            var t = TaskItem(n: n, uuid: it.uuid, title: it.title, author: actor.id, now: it.created ?? now)
            t.updated = it.updated ?? it.created ?? now
            t.description = it.description
            t.project = it.project
            t.stored = it.status
            t.priority = it.priority
            t.assignee = it.assignee
            t.due = it.due
            t.start = it.start
            t.estimate = it.estimate
            t.recur = it.recur
            t.doneAt = it.status == .done || it.status == .cancelled ? it.doneAt : nil
            t.extra = extraText
            t.tags = tags
            return (n, t)
        }
        var estimateSeconds: Int64?
        if let e = it.estimate { estimateSeconds = try ISODuration.parse(e).totalSeconds }
        try tx.sql.execute(
            """
            UPDATE tasks SET title = ?, description = ?, project = ?, status = ?, priority = ?, assignee = ?, due = ?, start = ?,
                estimate = ?, estimate_s = ?, recur = ?, recur_zone = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL ELSE coalesce(recur_zone, ?) END,
                recur_anchor = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL ELSE coalesce(recur_anchor, ?) END,
                recur_index = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL ELSE coalesce(recur_index, 1) END, done_at = ?, extra = ?
            WHERE n = ?
            """,
            [.text(it.title), .text(it.description), .text(it.project), .text(it.status.rawValue), .text(it.priority.rawValue),
             .text(it.assignee), .text(it.due), .text(it.start), .text(it.estimate), .int(estimateSeconds), .text(it.recur),
             .text(it.recur), .text(zone), .text(it.recur), .text(it.due), .text(it.recur),
             .text(it.status == .done || it.status == .cancelled ? it.doneAt : nil), .text(extraText), .int(n)])
        let tags = Set(it.tags)
        let current = Set(try tx.sql.all("SELECT tag FROM task_tags WHERE task = ?", [.int(n)]) { $0.string(0) })
        if tags != current {
            try tx.sql.execute("DELETE FROM task_tags WHERE task = ?", [.int(n)])
            for t in tags.sorted() { try tx.sql.execute("INSERT INTO task_tags (task, tag) VALUES (?, ?)", [.int(n), .text(t)]) }
        }
        return (n, nil)
    }

    // MARK: - Export

    /// Writes tasks as Taskwarrior JSON objects, for one export: it reads once which tasks
    /// have comments and asks for the annotations of those only. Asking for every task's
    /// made `export --format taskwarrior` of 20,000 tasks 4.9 times slower on PostgreSQL
    /// than on SQLite (one round trip per task); most tasks have none.
    package struct TaskwarriorExport {
        let sql: SQL
        let commented: Set<String>

        package init(_ sql: SQL) throws {
            self.sql = sql
            commented = Set(try sql.all("SELECT DISTINCT on_id FROM comments WHERE on_id LIKE 'task-%'") { $0.string(0) })
        }

        /// The Taskwarrior object of `t`.
        package func object(_ t: TaskItem) throws -> JSONObject {
            var extra = JSONObject()
            if let e = t.extra, case .object(let o)? = try? JSONParser.parse(e) { extra = o }
            var o = JSONObject()
            o["uuid"] = .string(t.uuid)
            o["description"] = .string(t.title)
            var status: String
            switch t.stored {
            case .done: status = "completed"
            case .cancelled: status = "deleted"
            default: status = extra["status"]?.stringValue ?? "pending"
            }
            if extra["status"]?.stringValue == "recurring" && t.stored == .cancelled { status = "recurring" }
            o["status"] = .string(status)
            o["entry"] = .string(twText(t.created))
            o["modified"] = .string(twText(t.updated))
            if let d = t.doneAt { o["end"] = .string(twText(d)) }
            if let d = t.due { o["due"] = .string(twText(d)) }
            if let s = t.start, t.stored == .doing || extra["status"] == nil && t.stored != .todo { o["start"] = .string(twText(s)) }
            switch t.priority {
            case .urgent, .high: o["priority"] = .string("H")
            case .low: o["priority"] = .string("L")
            case .normal: if extra["priority"]?.stringValue == "M" { o["priority"] = .string("M") }
            }
            if let p = t.project {
                if let original = extra["project"]?.stringValue, slug(original) == p { o["project"] = .string(original) } else { o["project"] = .string(p) }
            }
            if !t.tags.isEmpty { o["tags"] = .array(t.tags.map(JSONValue.string)) }
            if !t.depends.isEmpty {
                o["depends"] = .array(try t.depends.compactMap { try sql.string("SELECT uuid FROM tasks WHERE n = ?", [.int($0)]) }.map(JSONValue.string))
            }
            if commented.contains(t.id) {
                var annotations: [JSONValue] = []
                try sql.each("SELECT ts, body FROM comments WHERE on_id = ? ORDER BY n", [.text(t.id)]) { r in
                    annotations.append(.object(JSONObject([("entry", .string(twText(r.string(0)))), ("description", .string(r.string(1)))])))
                    return true
                }
                if !annotations.isEmpty { o["annotations"] = .array(annotations) }
            }
            if let r = t.recur { o["recur"] = .string(r) }
            for (k, v) in extra where k != "status" && k != "priority" && k != "project" && o[k] == nil { o[k] = v }
            return o
        }
    }
}
