/// How `list` (and `export`, `next`, `board`, `workload`) choose tasks: every filter set
/// must hold (AND).
package struct TaskFilter: Sendable {
    /// Shown statuses; empty means the open ones (todo, doing, blocked).
    package var statuses: [TaskStatus] = []
    /// Every status.
    package var all = false
    package var assignee: String?
    package var unassigned = false
    package var project: String?
    package var tags: [String] = []
    package var dueBefore: String?
    package var dueAfter: String?
    package var overdue = false
    package var blocked = false
    package var query: String?
    package var parent: Int64?
    package var ids: [Int64]?
    /// Sort keys (`due`, `-priority` …); empty means by id.
    package var sort: [String] = []
    package var limit: Int?

    package init() {}

    /// The sort keys `--sort` accepts.
    package static let sortKeys = ["id", "due", "priority", "urgency", "created", "updated", "title", "status", "project", "assignee"]
}

extension Tasks {
    static let openDependency =
        "EXISTS (SELECT 1 FROM task_deps d JOIN tasks b ON b.n = d.depends WHERE d.task = t.n AND b.status IN ('todo', 'doing'))"

    /// The WHERE clause and arguments of a filter, for `actor` at `now`.
    static func whereClause(_ f: TaskFilter, _ actor: Actor, now: Instant, _ dialect: Dialect) throws -> (String, [SQLValue]) {
        let readable = readableCondition(actor)
        var parts = [readable.sql]
        var args = readable.args
        if !f.all {
            let statuses = f.statuses.isEmpty ? [TaskStatus.todo, .doing, .blocked] : f.statuses
            let each = statuses.map { s -> String in
                switch s {
                case .todo: "(t.status = 'todo' AND NOT \(openDependency))"
                case .doing: "(t.status = 'doing' AND NOT \(openDependency))"
                case .blocked: "(t.status IN ('todo', 'doing') AND \(openDependency))"
                case .done: "t.status = 'done'"
                case .cancelled: "t.status = 'cancelled'"
                }
            }
            // All three open states together need no dependency check.
            if Set(statuses).isSuperset(of: [.todo, .doing, .blocked]) {
                var rest = statuses.filter { !$0.isOpen }.map { "t.status = '\($0.rawValue)'" }
                rest.append("t.status IN ('todo', 'doing')")
                parts.append("(" + rest.joined(separator: " OR ") + ")")
            } else {
                parts.append("(" + each.joined(separator: " OR ") + ")")
            }
        }
        if let a = f.assignee {
            parts.append("t.assignee = ?")
            args.append(.text(a))
        }
        if f.unassigned { parts.append("t.assignee IS NULL") }
        if let p = f.project {
            parts.append("t.project = ?")
            args.append(.text(p))
        }
        for tag in f.tags {
            parts.append("EXISTS (SELECT 1 FROM task_tags g WHERE g.task = t.n AND g.tag = ?)")
            args.append(.text(tag))
        }
        if let d = f.dueBefore {
            parts.append("t.due < ?")
            args.append(.text(d))
        }
        if let d = f.dueAfter {
            parts.append("t.due > ?")
            args.append(.text(d))
        }
        if f.overdue {
            parts.append("t.status IN ('todo', 'doing') AND t.due < ?")
            args.append(.text(RFC3339.format(now)))
        }
        if f.blocked { parts.append("t.status IN ('todo', 'doing') AND \(openDependency)") }
        if let q = f.query {
            parts.append(FullText.taskCondition(dialect))
            args.append(.text(try FullText.match(q, dialect)))
        }
        if let p = f.parent {
            parts.append("t.parent = ?")
            args.append(.int(p))
        }
        if let ids = f.ids {
            parts.append("t.n IN (" + (ids.isEmpty ? "NULL" : ids.map { String($0) }.joined(separator: ", ")) + ")")
        }
        return (parts.joined(separator: " AND "), args)
    }

    /// The ORDER BY of SQL-sortable keys, or nil when a key needs the urgency (sorted in
    /// memory).
    static func orderBy(_ keys: [String]) throws -> String? {
        if keys.isEmpty { return "t.n" }
        var terms: [String] = []
        for raw in keys {
            let desc = raw.hasPrefix("-")
            let key = desc ? String(raw.dropFirst()) : (raw.hasPrefix("+") ? String(raw.dropFirst()) : raw)
            let dir = desc ? " DESC" : ""
            switch key {
            case "id": terms.append("t.n" + dir)
            case "due": terms.append("t.due IS NULL, t.due" + dir)
            case "priority":
                terms.append("CASE t.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END" + (desc ? "" : " DESC"))
            case "created": terms.append("t.created" + dir)
            case "updated": terms.append("t.updated" + dir)
            case "title": terms.append("t.title" + dir)
            case "status": terms.append("t.status" + dir)
            case "project": terms.append("t.project IS NULL, t.project" + dir)
            case "assignee": terms.append("t.assignee IS NULL, t.assignee" + dir)
            case "urgency": return nil
            default:
                throw CollabError(.usage, "invalid --sort '\(raw)': expected \(TaskFilter.sortKeys.joined(separator: ", ")), each with an optional '-' for descending")
            }
        }
        return terms.joined(separator: ", ") + ", t.n"
    }

    /// Streams the tasks of a filter. Sorting by urgency reads the matching tasks first
    /// (they are sorted in memory); every other order streams.
    package static func each(_ sql: SQL, _ actor: Actor, _ f: TaskFilter, now: Instant, _ body: (TaskItem) throws -> Bool) throws {
        let (cond, args) = try whereClause(f, actor, now: now, sql.dialect)
        if let order = try orderBy(f.sort) {
            var query = TaskItem.select(sql.dialect) + " WHERE " + cond + " ORDER BY " + order
            if let limit = f.limit { query += " LIMIT \(max(0, limit))" }
            try sql.each(query, args) { try body(TaskItem(row: $0)) }
            return
        }
        let tasks = try sql.all(TaskItem.select(sql.dialect) + " WHERE " + cond, args) { TaskItem(row: $0) }
        let descending = f.sort.first { $0.hasSuffix("urgency") }?.hasPrefix("-") ?? true
        let sorted = tasks.map { ($0, Urgency($0, now: now).score) }.sorted { a, b in
            if a.1 != b.1 { return descending ? a.1 > b.1 : a.1 < b.1 }
            return a.0.n < b.0.n
        }
        for (i, (t, _)) in sorted.enumerated() {
            if let limit = f.limit, i >= limit { break }
            if try !body(t) { break }
        }
    }

    /// `next`: the open tasks of `user` (assigned to them, or theirs without project and
    /// unassigned), most urgent first.
    package static func next(_ sql: SQL, _ actor: Actor, user: String, now: Instant, limit: Int?) throws -> [(TaskItem, Urgency)] {
        let readable = readableCondition(actor)
        let query = TaskItem.select(sql.dialect) + """
             WHERE \(readable.sql) AND t.status IN ('todo', 'doing')
               AND (t.assignee = ? OR (t.assignee IS NULL AND t.project IS NULL AND t.author = ?))
            """
        let tasks = try sql.all(query, readable.args + [.text(user), .text(user)]) { TaskItem(row: $0) }
        let scored = tasks.map { ($0, Urgency($0, now: now)) }.sorted { a, b in
            a.1.score != b.1.score ? a.1.score > b.1.score : a.0.n < b.0.n
        }
        return limit.map { Array(scored.prefix(max(0, $0))) } ?? scored
    }
}
