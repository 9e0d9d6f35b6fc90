/// Task templates: a project's tasks saved as a checklist with due dates relative to a
/// start date and roles in place of assignees, applied again to any project. This is what
/// an onboarding script applies for each new agent.
package enum Templates {
    /// The `template` record of a stored template, or nil.
    package static func get(_ sql: SQL, _ name: String) throws -> JSONObject? {
        try sql.first("SELECT id, project, body, rev, created, updated FROM task_templates WHERE id = ?", [.text(name)]) { r in
            try record(id: r.string(0), project: r.optString(1), body: r.string(2), rev: r.int(3), created: r.string(4), updated: r.string(5))
        }
    }

    /// The template, or exit 1.
    package static func require(_ sql: SQL, _ name: String) throws -> JSONObject {
        guard let t = try get(sql, name) else { throw CollabError.notFound("template", name) }
        return t
    }

    static func record(id: String, project: String?, body: String, rev: Int64, created: String, updated: String) throws -> JSONObject {
        guard case .object(let b) = try JSONParser.parse(body) else {
            throw CollabError(.internal, "template '\(id)' is damaged")
        }
        var o = JSONObject()
        o["type"] = .string("template")
        o["id"] = .string(id)
        o.set("project", project)
        o["tasks"] = b["tasks"] ?? .array([])
        o["roles"] = b["roles"] ?? .array([])
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    /// Every template, by name.
    package static func each(_ sql: SQL, _ body: (JSONObject) throws -> Void) throws {
        try sql.each("SELECT id, project, body, rev, created, updated FROM task_templates ORDER BY id") { r in
            try body(try record(id: r.string(0), project: r.optString(1), body: r.string(2), rev: r.int(3), created: r.string(4), updated: r.string(5)))
            return true
        }
    }

    /// Saves the tasks of `project` (all but cancelled ones, in id order) as template
    /// `name`. Due and start times become offsets from `start` (default: the earliest due
    /// date among them, else today); assignees become roles, named by `roles` (user →
    /// role) or after the user.
    package static func save(
        _ tx: Transaction, _ actor: Actor, project: String, name: String, start: CivilDate?, roles: [String: String], update: Bool,
        zone: Zone
    ) throws -> JSONObject {
        let name = try Slug.validate(name, field: "template")
        _ = try Projects.readable(tx.sql, actor, project)
        guard actor.role != .guest else { throw CollabError.denied("\(actor.id) may not save templates: guests may not") }
        let tasks = try tx.sql.all(TaskItem.select(tx.sql.dialect) + " WHERE t.project = ? AND t.status <> 'cancelled' ORDER BY t.n", [.text(project)]) {
            TaskItem(row: $0)
        }
        guard !tasks.isEmpty else { throw CollabError(.badInput, "project '\(project)' has no task to save", field: "project") }
        let dueDates = tasks.compactMap { $0.due.flatMap(RFC3339.parse) }.map { zone.civil($0).date }
        let reference = start ?? dueDates.min() ?? zone.civil(tx.now).date
        var refOf: [Int64: Int64] = [:]
        for (i, t) in tasks.enumerated() { refOf[t.n] = Int64(i + 1) }
        var roleNames = Set<String>()
        func offset(_ text: String?) -> String? {
            guard let i = text.flatMap(RFC3339.parse) else { return nil }
            let local = zone.civil(i)
            return TemplateOffset(days: Int(local.date.daysSinceEpoch - reference.daysSinceEpoch), local: local).text
        }
        let items: [JSONValue] = tasks.map { t in
            var o = JSONObject()
            o["ref"] = .int(refOf[t.n]!)
            o["title"] = .string(t.title)
            o.set("description", t.description)
            o["priority"] = .string(t.priority.rawValue)
            o.set("tags", t.tags)
            o.set("estimate", t.estimate)
            o.set("due", offset(t.due))
            if let a = t.assignee {
                let role = roles[a] ?? a
                roleNames.insert(role)
                o["role"] = .string(role)
            }
            o["depends"] = .array(t.depends.compactMap { refOf[$0] }.map(JSONValue.int))
            if let p = t.parent, let r = refOf[p] { o["parent"] = .int(r) }
            return .object(o)
        }
        let body = JSONObject([("tasks", .array(items)), ("roles", .array(roleNames.sorted().map(JSONValue.string)))])
        let text = String(decoding: JSONWriter.canonical(.object(body)), as: UTF8.self)
        if let existing = try tx.sql.first("SELECT body, rev, created FROM task_templates WHERE id = ?", [.text(name)], { ($0.string(0), $0.int(1), $0.string(2)) }) {
            if existing.0 == text { return try require(tx.sql, name) }
            guard update else { throw CollabError.conflict("template '\(name)' exists with other tasks: use --update to replace it") }
            try tx.sql.execute("UPDATE task_templates SET project = ?, body = ?, rev = ?, updated = ? WHERE id = ?",
                               [.text(project), .text(text), .int(existing.1 + 1), .text(tx.timestamp), .text(name)])
            let r = try require(tx.sql, name)
            try tx.record(.update, "template", name, r)
            return r
        }
        try tx.sql.execute("INSERT INTO task_templates (id, project, body, rev, created, updated) VALUES (?, ?, ?, 1, ?, ?)",
                           [.text(name), .text(project), .text(text), .text(tx.timestamp), .text(tx.timestamp)])
        let r = try require(tx.sql, name)
        try tx.record(.create, "template", name, r)
        return r
    }

    /// Deletes a template (admins, or whoever manages the project it was saved from).
    package static func delete(_ tx: Transaction, _ actor: Actor, _ name: String) throws -> JSONObject {
        let r = try require(tx.sql, name)
        if !actor.isAdmin {
            guard let p = r["project"]?.stringValue, let project = try Projects.get(tx.sql, p),
                  try Access.level(actor, in: project.space, publicLevel: .write, tx.sql) == .manage else {
                throw CollabError.denied("\(actor.id) may not delete template '\(name)': only an admin or the manager of its project may")
            }
        }
        try tx.sql.execute("DELETE FROM task_templates WHERE id = ?", [.text(name)])
        try tx.record(.delete, "template", name, r)
        return r
    }

    /// Creates the template's tasks in `project`, due relative to `start`, roles assigned
    /// from `assign` (role → user; a role left out goes to the user of that name if there
    /// is one, else stays unassigned and is reported in `unassigned`). With `key`, a
    /// second apply returns the tasks of the first and changes nothing.
    package static func apply(
        _ tx: Transaction, _ actor: Actor, name: String, project: String, start: CivilDate, assign: [String: String], key: String?,
        zone: Zone
    ) throws -> (tasks: [TaskItem], unassigned: [String]) {
        let template = try require(tx.sql, name)
        let items = template["tasks"]?.arrayValue?.compactMap(\.objectValue) ?? []
        if let key, let first = try ExternalKeys.lookup(tx.sql, type: "task", key: key + "#1") {
            _ = first
            let existing = try items.compactMap { item -> TaskItem? in
                guard let ref = item["ref"]?.intValue, let id = try ExternalKeys.lookup(tx.sql, type: "task", key: "\(key)#\(ref)") else { return nil }
                return try Tasks.require(tx.sql, id)
            }
            return (existing, [])
        }
        for role in assign.keys where !(template["roles"]?.arrayValue?.contains(.string(role)) ?? false) {
            throw CollabError.invalid("assign", role, "template '\(name)' has no such role (its roles: \((template["roles"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")))")
        }
        var unassigned = Set<String>()
        var created: [Int64: TaskItem] = [:]
        var out: [TaskItem] = []
        func at(_ offset: String?) throws -> String? {
            guard let offset else { return nil }
            let o = try TemplateOffset(offset)
            let local = CivilDateTime(date: start.adding(days: o.days), hour: o.seconds / 3600, minute: o.seconds % 3600 / 60, second: o.seconds % 60)
            return RFC3339.format(zone.instant(local))
        }
        for item in items {
            guard let ref = item["ref"]?.intValue, let title = item["title"]?.stringValue else { continue }
            var spec = TaskSpec()
            spec.project = project
            spec.description = item["description"]?.stringValue
            spec.priority = item["priority"]?.stringValue.flatMap(TaskPriority.init(rawValue:))
            spec.addTags = item["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            spec.estimate = item["estimate"]?.stringValue
            spec.due = try at(item["due"]?.stringValue)
            if let role = item["role"]?.stringValue {
                if let user = assign[role] {
                    spec.assignee = user == "me" ? actor.id : user
                } else if try tx.sql.int("SELECT 1 FROM users WHERE id = ?", [.text(role)]) != nil {
                    spec.assignee = role
                } else {
                    unassigned.insert(role)
                }
            }
            spec.depends = (item["depends"]?.arrayValue ?? []).compactMap { v in
                (v.stringValue.flatMap { Int64($0) } ?? v.intValue).flatMap { created[$0]?.id }
            }
            if let p = item["parent"]?.intValue, let parent = created[p] { spec.parent = parent.id }
            let (t, _) = try Tasks.add(tx, actor, title: title, spec, key: key.map { "\($0)#\(ref)" })
            created[ref] = t
            out.append(t)
        }
        return (out, unassigned.sorted())
    }
}


/// When a template's task is due: a number of days from the start date (negative: before
/// it) and a local time of day, written `+2 17:00`, `-3 09:30`, `+0 12:00:30`.
struct TemplateOffset {
    var days: Int
    /// Seconds since local midnight.
    var seconds: Int

    init(days: Int, local: CivilDateTime) {
        self.days = days
        seconds = local.hour * 3600 + local.minute * 60 + local.second
    }

    /// Reads the text form; ISO 8601 durations (`P2DT17H`, from templates saved by earlier
    /// versions) are read too.
    init(_ text: String) throws {
        if let d = try? ISODuration.parse(text) {
            days = d.days
            seconds = Int(d.seconds)
            return
        }
        let parts = text.split(separator: " ")
        let clock = parts.count == 2 ? parts[1].split(separator: ":").map { Int($0) } : []
        guard parts.count == 2, let first = parts[0].first, first == "+" || first == "-", let d = Int(parts[0]),
            (2...3).contains(clock.count), let h = clock[0], let m = clock[1], (0..<24).contains(h), (0..<60).contains(m)
        else { throw CollabError.invalid("due", text, "expected days from the start and a local time, like '+2 17:00'") }
        let sec = clock.count == 3 ? clock[2] : 0
        guard let sec, (0..<60).contains(sec) else {
            throw CollabError.invalid("due", text, "expected days from the start and a local time, like '+2 17:00'")
        }
        days = d
        seconds = h * 3600 + m * 60 + sec
    }

    var text: String {
        let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return (days < 0 ? "-" : "+") + "\(abs(days)) " + two(h) + ":" + two(m) + (s == 0 ? "" : ":" + two(s))
    }
}
