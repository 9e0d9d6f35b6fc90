/// The people views of tasks: the kanban board of a project and the workload of people.
extension Tasks {
    /// The board of a project: one column per shown status (todo, doing, blocked, done),
    /// each in due then id order; `done` keeps the `doneLimit` most recently finished.
    package static func board(_ sql: SQL, _ actor: Actor, project: String, doneLimit: Int) throws -> [String: [TaskItem]] {
        _ = try Projects.readable(sql, actor, project)
        var columns: [String: [TaskItem]] = ["todo": [], "doing": [], "blocked": [], "done": []]
        try sql.each(TaskItem.select(sql.dialect) + " WHERE t.project = ? AND t.status <> 'cancelled' ORDER BY t.due IS NULL, t.due, t.n", [.text(project)]) { r in
            let t = TaskItem(row: r)
            columns[t.status.rawValue, default: []].append(t)
            return true
        }
        columns["done"] = Array(columns["done", default: []].sorted { ($0.doneAt ?? "", $0.n) > ($1.doneAt ?? "", $1.n) }.prefix(doneLimit))
        return columns
    }

    /// The rows of a board: row i has the i-th task of each column.
    package static func boardRows(_ columns: [String: [TaskItem]]) -> [JSONObject] {
        let order = ["todo", "doing", "blocked", "done"]
        let height = order.map { columns[$0]?.count ?? 0 }.max() ?? 0
        return (0..<height).map { i in
            var o = JSONObject()
            o["type"] = .string("board_row")
            o["id"] = .string(String(i + 1))
            for c in order {
                if let t = columns[c], i < t.count {
                    o[c] = .string(t[i].id + " " + t[i].title + (t[i].assignee.map { " @" + $0 } ?? ""))
                }
            }
            return o
        }
    }

    /// One line of `workload`.
    package struct Load: Sendable {
        package var id: String
        package var kind: String
        package var open = 0, doing = 0, blocked = 0, overdue = 0
        package var dueThisWeek = 0, dueNextWeek = 0
        package var estimateThisWeek: Int64 = 0, estimateNextWeek: Int64 = 0, estimateOpen: Int64 = 0

        package var record: JSONObject {
            JSONObject([
                ("type", .string("workload")), ("id", .string(id)), ("kind", .string(kind)), ("open", .int(Int64(open))),
                ("doing", .int(Int64(doing))), ("blocked", .int(Int64(blocked))), ("overdue", .int(Int64(overdue))),
                ("due_this_week", .int(Int64(dueThisWeek))), ("estimate_this_week", .string(ISODuration(seconds: estimateThisWeek).iso)),
                ("due_next_week", .int(Int64(dueNextWeek))), ("estimate_next_week", .string(ISODuration(seconds: estimateNextWeek).iso)),
                ("estimate_open", .string(ISODuration(seconds: estimateOpen).iso)),
            ])
        }
    }

    /// Open work per assignee (or, `byGroup`, per group of the assignees), over the tasks
    /// `actor` may see, optionally of one project or of the members of one group. Weeks
    /// run Monday to Sunday in `zone`.
    package static func workload(
        _ sql: SQL, _ actor: Actor, project: String?, group: String?, byGroup: Bool, now: Instant, zone: Zone
    ) throws -> [Load] {
        let today = zone.civil(now).date
        let monday = today.adding(days: -(today.weekday - 1))
        let weekStart = RFC3339.format(zone.startOfDay(monday))
        let nextWeek = RFC3339.format(zone.startOfDay(monday.adding(days: 7)))
        let weekAfter = RFC3339.format(zone.startOfDay(monday.adding(days: 14)))
        let nowText = RFC3339.format(now)
        var f = TaskFilter()
        f.project = project
        let (cond, args) = try whereClause(f, actor, now: now, sql.dialect)
        var query = TaskItem.select(sql.dialect) + " WHERE " + cond + " AND t.assignee IS NOT NULL"
        var allArgs = args
        if let group {
            query += " AND t.assignee IN (SELECT user_id FROM group_members WHERE group_id = ?)"
            allArgs.append(.text(group))
        }
        var loads: [String: Load] = [:]
        var groupsOf: [String: [String]] = [:]
        try sql.each(query, allArgs) { r in
            let t = TaskItem(row: r)
            let who = t.assignee!
            var keys = [who]
            if byGroup {
                if groupsOf[who] == nil {
                    groupsOf[who] = try sql.all("SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id", [.text(who)]) { $0.string(0) }
                }
                keys = groupsOf[who]!.filter { group == nil || $0 == group }
            }
            for k in keys {
                var l = loads[k] ?? Load(id: k, kind: byGroup ? "group" : "user")
                l.open += 1
                if t.status == .doing { l.doing += 1 }
                if t.status == .blocked { l.blocked += 1 }
                let est = t.estimateSeconds ?? 0
                l.estimateOpen += est
                if let due = t.due {
                    if due < nowText { l.overdue += 1 }
                    if due >= weekStart && due < nextWeek {
                        l.dueThisWeek += 1
                        l.estimateThisWeek += est
                    } else if due >= nextWeek && due < weekAfter {
                        l.dueNextWeek += 1
                        l.estimateNextWeek += est
                    }
                }
                loads[k] = l
            }
            return true
        }
        return loads.keys.sorted().map { loads[$0]! }
    }
}
