/// Writes of tasks. Each checks access, writes the rows, and records every task whose
/// record changed, including dependants that a status change blocks or unblocks.
extension Tasks {
    /// Creates a task. With `key`, a repeated add returns the task first created with it.
    package static func add(
        _ tx: Transaction, _ actor: Actor, title: String, _ spec: TaskSpec, key: String? = nil, uuid: String? = nil,
        author: String? = nil
    ) throws -> (TaskItem, WriteOutcome) {
        if let key, let id = try ExternalKeys.lookup(tx.sql, type: "task", key: key) {
            return (try require(tx.sql, id), .unchanged)
        }
        guard !title.trimmingSpaces.isEmpty else { throw CollabError.invalid("title", title, "a task needs a title") }
        let n = try tx.nextNumber("task")
        var t = TaskItem(n: n, uuid: uuid ?? UUIDText.random(), title: title, author: author ?? actor.id, now: tx.timestamp)
        var spec = spec
        spec.title = nil
        // The parent's project, unless another is given.
        if spec.project == nil, let p = spec.parent, !p.isEmpty {
            t.project = try require(tx.sql, p).project
        }
        try tx.sql.execute(
            "INSERT INTO tasks (n, uuid, title, status, priority, author, rev, created, updated) VALUES (?, ?, ?, 'todo', 'normal', ?, 1, ?, ?)",
            [.int(n), .text(t.uuid), .text(t.title), .text(t.author), .text(t.created), .text(t.updated)])
        try apply(tx, actor, spec, to: &t, creating: true)
        if let key { try ExternalKeys.bind(tx, type: "task", key: key, id: t.id) }
        let saved = try reload(tx, t.n)
        try tx.record(.create, "task", saved.id, saved.record())
        return (saved, .created)
    }

    /// Changes a task (write access; `--if-rev`). Returns the new state.
    package static func update(_ tx: Transaction, _ actor: Actor, _ text: String, _ spec: TaskSpec, ifRev: Int64? = nil) throws -> TaskItem {
        var t = try require(tx.sql, text)
        try require(tx.sql, actor, .write, t, to: "change")
        try Revisions.check("task", t.id, current: t.rev, expected: ifRev)
        if let p = spec.project, p != (t.project ?? "") {
            if let from = t.project, let project = try Projects.get(tx.sql, from), !actor.isAdmin {
                try Access.require(actor, .write, in: project.space, to: "move \(t.id) out of project '\(from)'", publicLevel: .write, tx.sql)
            }
        }
        let before = t
        try apply(tx, actor, spec, to: &t, creating: false)
        return try finish(tx, before, t)
    }

    /// `start`, `done`, `cancel`, `reopen`: a status change. Running it twice is a no-op.
    package static func transition(_ tx: Transaction, _ actor: Actor, _ text: String, to status: TaskStatus, ifRev: Int64? = nil) throws -> TaskItem {
        var spec = TaskSpec()
        spec.status = status
        return try update(tx, actor, text, spec, ifRev: ifRev)
    }

    /// Deletes tasks (admins, the project's managers, or for a task without project its
    /// author). A task with subtasks is kept (exit 73): delete or move them first.
    package static func delete(_ tx: Transaction, _ actor: Actor, _ text: String) throws -> TaskItem {
        let t = try require(tx.sql, text)
        try require(tx.sql, actor, .manage, t, to: "delete")
        if try tx.sql.int("SELECT count(*) FROM tasks WHERE parent = ?", [.int(t.n)]) ?? 0 > 0 {
            throw CollabError.conflict("\(t.id) has subtasks: delete them or give them another parent first")
        }
        let dependants = try tx.sql.all("SELECT task FROM task_deps WHERE depends = ?", [.int(t.n)]) { $0.int(0) }
        let shown = try dependants.compactMap { try get(tx.sql, $0) }
        try tx.sql.execute("DELETE FROM task_deps WHERE task = ? OR depends = ?", [.int(t.n), .int(t.n)])
        try tx.sql.execute("DELETE FROM task_tags WHERE task = ?", [.int(t.n)])
        try tx.sql.execute("DELETE FROM comments WHERE on_id = ?", [.text(t.id)])
        try tx.sql.execute("DELETE FROM ext_keys WHERE type = 'task' AND id = ?", [.text(t.id)])
        try tx.sql.execute("UPDATE tasks SET recur_of = NULL WHERE recur_of = ?", [.int(t.n)])
        try tx.sql.execute("DELETE FROM tasks WHERE n = ?", [.int(t.n)])
        try tx.record(.delete, "task", t.id, t.record())
        for d in shown { try recordIfChanged(tx, d) }
        return t
    }

    /// Adds a comment to a task (read access is enough: commenting does not change it).
    package static func comment(_ tx: Transaction, _ actor: Actor, _ text: String, body: String) throws -> JSONObject {
        let t = try require(tx.sql, text)
        try require(tx.sql, actor, .read, t, to: "comment on")
        return try Comments.add(tx, on: t.id, author: actor.id, body: body)
    }

    // MARK: - Applying a spec

    static func apply(_ tx: Transaction, _ actor: Actor, _ spec: TaskSpec, to t: inout TaskItem, creating: Bool) throws {
        let sql = tx.sql
        if let title = spec.title {
            guard !title.trimmingSpaces.isEmpty else { throw CollabError.invalid("title", title, "a task needs a title") }
            t.title = title
        }
        if let d = spec.description { t.description = d.isEmpty ? nil : d }
        if let p = spec.project {
            if p.isEmpty { t.project = nil } else {
                let project = try Projects.require(sql, p)
                try Access.require(actor, .write, in: project.space, to: "add tasks to project '\(p)'", publicLevel: .write, sql)
                if project.status == .archived && p != t.project {
                    throw CollabError.conflict("project '\(p)' is archived: it takes no new tasks")
                }
                t.project = p
            }
        } else if creating, let p = t.project {
            let project = try Projects.require(sql, p)
            try Access.require(actor, .write, in: project.space, to: "add tasks to project '\(p)'", publicLevel: .write, sql)
            if project.status == .archived { throw CollabError.conflict("project '\(p)' is archived: it takes no new tasks") }
        }
        if let p = spec.priority { t.priority = p }
        if let a = spec.assignee {
            if a.isEmpty { t.assignee = nil } else {
                try Projects.requireUser(sql, a, field: "assignee")
                t.assignee = a
            }
        }
        if let d = spec.due { t.due = d.isEmpty ? nil : d }
        if let s = spec.start { t.start = s.isEmpty ? nil : s }
        if let e = spec.estimate {
            if e.isEmpty {
                t.estimate = nil
                t.estimateSeconds = nil
            } else {
                let d: ISODuration
                do { d = try ISODuration.parse(e) } catch { throw CollabError.invalid("estimate", e, "expected a duration like 2h, 90m, 1d or PT1H30M") }
                t.estimate = d.iso
                t.estimateSeconds = d.totalSeconds
            }
        }
        if let p = spec.parent {
            if p.isEmpty { t.parent = nil } else {
                let parent = try require(sql, p)
                guard parent.n != t.n else { throw CollabError.invalid("parent", p, "a task cannot be its own parent") }
                var cursor: Int64? = parent.parent
                var seen = 0
                while let c = cursor, seen < 10_000 {
                    if c == t.n { throw CollabError.invalid("parent", p, "\(parent.id) is already a subtask of \(t.id)") }
                    cursor = try sql.int("SELECT parent FROM tasks WHERE n = ?", [.int(c)])
                    seen += 1
                }
                t.parent = parent.n
            }
        }
        if let r = spec.recur {
            if r.isEmpty {
                t.recur = nil
                t.recurZone = nil
                t.recurAnchor = nil
                t.recurIndex = nil
            } else {
                _ = try TaskRecurrence.parse(r)
                t.recur = r
                t.recurZone = spec.zone ?? t.recurZone ?? "UTC"
                t.recurAnchor = nil
            }
        }
        if t.recur != nil {
            guard let due = t.due else { throw CollabError(.badInput, "a recurring task needs a due time (--due)", field: "recur") }
            if t.recurAnchor == nil || spec.due != nil {
                t.recurAnchor = due
                t.recurIndex = t.recurIndex ?? 1
            }
        }
        if let s = spec.status {
            switch s {
            case .blocked:
                throw CollabError.invalid("status", s.rawValue, "blocked is derived from dependencies: add one with --depends")
            case .todo:
                t.stored = .todo
                t.doneAt = nil
            case .doing:
                if t.stored == .done || t.stored == .cancelled {
                    throw CollabError.conflict("\(t.id) is \(t.stored.rawValue): reopen it before starting it")
                }
                t.stored = .doing
                if t.start == nil || (t.start.flatMap(RFC3339.parse).map { tx.now < $0 } ?? false) { t.start = tx.timestamp }
            case .done:
                if t.stored != .done {
                    t.stored = .done
                    t.doneAt = tx.timestamp
                }
            case .cancelled:
                t.stored = .cancelled
                t.doneAt = nil
            }
        }
        try sql.execute(
            """
            UPDATE tasks SET title = ?, description = ?, project = ?, status = ?, priority = ?, assignee = ?, due = ?, start = ?,
                estimate = ?, estimate_s = ?, parent = ?, recur = ?, recur_zone = ?, recur_anchor = ?, recur_index = ?, done_at = ?,
                extra = ?
            WHERE n = ?
            """,
            [.text(t.title), .text(t.description), .text(t.project), .text(t.stored.rawValue), .text(t.priority.rawValue),
             .text(t.assignee), .text(t.due), .text(t.start), .text(t.estimate), .int(t.estimateSeconds), .int(t.parent),
             .text(t.recur), .text(t.recurZone), .text(t.recurAnchor), .int(t.recurIndex), .text(t.doneAt), .text(t.extra), .int(t.n)])
        // Tags.
        var tags = Set(t.tags)
        if let replace = spec.tags { tags = Set(try replace.map(TaskTag.validate)) }
        for a in spec.addTags { tags.insert(try TaskTag.validate(a)) }
        for r in spec.removeTags { tags.remove(try TaskTag.validate(r)) }
        if tags != Set(t.tags) {
            try sql.execute("DELETE FROM task_tags WHERE task = ?", [.int(t.n)])
            for tag in tags.sorted() { try sql.execute("INSERT INTO task_tags (task, tag) VALUES (?, ?)", [.int(t.n), .text(tag)]) }
            t.tags = tags.sorted()
        }
        // Dependencies.
        for d in spec.removeDepends {
            let dn = try TaskItem.ids.number(d)
            try sql.execute("DELETE FROM task_deps WHERE task = ? AND depends = ?", [.int(t.n), .int(dn)])
        }
        for d in spec.depends {
            let dep = try require(sql, d)
            guard dep.n != t.n else { throw CollabError.invalid("depends", d, "a task cannot depend on itself") }
            if try reaches(sql, from: dep.n, to: t.n) {
                throw CollabError.invalid("depends", d, "\(dep.id) already depends on \(t.id), directly or not: that would be a cycle")
            }
            try sql.execute("INSERT INTO task_deps (task, depends) VALUES (?, ?) ON CONFLICT DO NOTHING", [.int(t.n), .int(dep.n)])
        }
    }

    /// Whether task `from` depends on `to`, following dependencies.
    static func reaches(_ sql: SQL, from: Int64, to: Int64) throws -> Bool {
        var stack = [from]
        var seen: Set<Int64> = [from]
        while let n = stack.popLast() {
            if n == to { return true }
            for d in try sql.all("SELECT depends FROM task_deps WHERE task = ?", [.int(n)], { $0.int(0) }) where seen.insert(d).inserted {
                stack.append(d)
            }
        }
        return false
    }

    static func reload(_ tx: Transaction, _ n: Int64) throws -> TaskItem {
        guard let t = try get(tx.sql, n) else { throw CollabError(.internal, "task-\(n) vanished in its own transaction") }
        return t
    }

    /// Saves the change of `before` into `after` (already applied to the row): bumps rev,
    /// records the task, then dependants whose blocked state moved, then the next instance
    /// of a recurring task that was just finished.
    static func finish(_ tx: Transaction, _ before: TaskItem, _ after: TaskItem) throws -> TaskItem {
        var now = try reload(tx, after.n)
        let changed = now.record() != before.record() || now.extra != before.extra
        guard changed else { return now }
        now.rev = before.rev + 1
        now.updated = tx.timestamp
        try tx.sql.execute("UPDATE tasks SET rev = ?, updated = ? WHERE n = ?", [.int(now.rev), .text(now.updated), .int(now.n)])
        try tx.record(.update, "task", now.id, now.record())
        if before.stored.isOpen != now.stored.isOpen {
            let dependants = try tx.sql.all("SELECT task FROM task_deps WHERE depends = ?", [.int(now.n)]) { $0.int(0) }
            for d in dependants {
                guard var dep = try get(tx.sql, d), dep.stored.isOpen else { continue }
                // Its blocked state before this change: as if this task were still as it was.
                dep.blocked = try tx.sql.int(
                    """
                    SELECT count(*) FROM task_deps dd JOIN tasks b ON b.n = dd.depends
                    WHERE dd.task = ? AND dd.depends <> ? AND b.status IN ('todo', 'doing')
                    """, [.int(d), .int(now.n)]) ?? 0 > 0 || before.stored.isOpen
                try recordIfChanged(tx, dep)
            }
        }
        if before.stored != .done && now.stored == .done { try createNextInstance(tx, now) }
        return now
    }

    /// Records `old` again if its shown record differs now (a dependant that was blocked or
    /// unblocked by another task's change): its rev moves on.
    static func recordIfChanged(_ tx: Transaction, _ old: TaskItem) throws {
        guard var now = try get(tx.sql, old.n), now.status != old.status else { return }
        now.rev += 1
        now.updated = tx.timestamp
        try tx.sql.execute("UPDATE tasks SET rev = ?, updated = ? WHERE n = ?", [.int(now.rev), .text(now.updated), .int(now.n)])
        try tx.record(.update, "task", now.id, now.record())
    }

    /// The next instance of a finished recurring task, created at most once (the
    /// `recur_of` column is unique, and a finished task is never finished again).
    static func createNextInstance(_ tx: Transaction, _ t: TaskItem) throws {
        guard let recurText = t.recur, let rule = try? TaskRecurrence.parse(recurText),
              let due = t.due.flatMap(RFC3339.parse) else { return }
        if try tx.sql.int("SELECT 1 FROM tasks WHERE recur_of = ?", [.int(t.n)]) != nil { return }
        let zone = (try? Zone.named(t.recurZone ?? "UTC")) ?? Zone.utc
        let anchor = t.recurAnchor.flatMap(RFC3339.parse) ?? due
        let index = t.recurIndex ?? 1
        guard let nextDue = rule.next(after: due, anchor: anchor, zone: zone) else { return }
        let n = try tx.nextNumber("task")
        let startText: String? = nil
        try tx.sql.execute(
            """
            INSERT INTO tasks (n, uuid, title, description, project, status, priority, assignee, author, due, start, estimate, estimate_s,
                parent, recur, recur_zone, recur_anchor, recur_index, recur_of, rev, created, updated)
            VALUES (?, ?, ?, ?, ?, 'todo', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """,
            [.int(n), .text(UUIDText.random()), .text(t.title), .text(t.description), .text(t.project), .text(t.priority.rawValue),
             .text(t.assignee), .text(t.author), .text(RFC3339.format(nextDue)), .text(startText), .text(t.estimate),
             .int(t.estimateSeconds), .int(t.parent), .text(t.recur), .text(t.recurZone), .text(t.recurAnchor),
             .int(index + 1), .int(t.n), .text(tx.timestamp), .text(tx.timestamp)])
        for tag in t.tags { try tx.sql.execute("INSERT INTO task_tags (task, tag) VALUES (?, ?)", [.int(n), .text(tag)]) }
        let next = try reload(tx, n)
        try tx.record(.create, "task", next.id, next.record())
    }
}
