/// The stored states of a task. `blocked` is never stored: a `todo` or `doing` task with an
/// open dependency shows as `blocked`.
package enum TaskStatus: String, Sendable, CaseIterable {
    case todo, doing, blocked, done, cancelled

    /// Whether work on it is still to be done.
    package var isOpen: Bool { self == .todo || self == .doing || self == .blocked }
}

/// How urgent a task is, as its owner says.
package enum TaskPriority: String, Sendable, CaseIterable {
    case low, normal, high, urgent
}

/// A task (SPEC §3), with what is derived from other rows: its tags, dependencies, whether
/// an open dependency blocks it, whether it blocks an open task, and its subtasks.
package struct TaskItem: Equatable, Sendable {
    package static let ids = SequenceId("task")

    package var n: Int64
    package var uuid: String
    package var title: String
    package var description: String?
    package var project: String?
    /// The stored status (never `blocked`).
    package var stored: TaskStatus
    package var priority: TaskPriority
    package var assignee: String?
    package var author: String
    package var due: String?
    package var start: String?
    package var estimate: String?
    package var estimateSeconds: Int64?
    package var parent: Int64?
    package var recur: String?
    package var recurZone: String?
    package var recurAnchor: String?
    package var recurIndex: Int64?
    package var recurOf: Int64?
    package var doneAt: String?
    /// Fields kept from another tool (Taskwarrior), as a JSON object text.
    package var extra: String?
    package var rev: Int64
    package var created: String
    package var updated: String
    package var tags: [String] = []
    package var depends: [Int64] = []
    package var blocked = false
    package var blocking = false
    package var subtasks: Int64 = 0
    package var subtasksDone: Int64 = 0

    package var id: String { Self.ids.id(n) }

    /// The status shown: `blocked` for open work waiting on an open dependency.
    package var status: TaskStatus { (stored == .todo || stored == .doing) && blocked ? .blocked : stored }

    /// The `task` record; `urgency` (computed at a time) is left out of change records.
    package func record(urgency: Urgency? = nil, explain: Bool = false) -> JSONObject {
        var o = JSONObject()
        o["type"] = .string("task")
        o["id"] = .string(id)
        o["title"] = .string(title)
        o.set("description", description)
        o.set("project", project)
        o["status"] = .string(status.rawValue)
        o["priority"] = .string(priority.rawValue)
        o.set("assignee", assignee)
        o["author"] = .string(author)
        o.set("due", due)
        o.set("start", start)
        o.set("estimate", estimate)
        o.set("tags", tags)
        o.set("depends", depends.map(Self.ids.id))
        o.set("parent", parent.map(Self.ids.id))
        if subtasks > 0 {
            o["checklist"] = .object(JSONObject([
                ("done", .int(subtasksDone)), ("total", .int(subtasks)),
                ("percent", .int(subtasksDone * 100 / subtasks)),
            ]))
        }
        o.set("recur", recur)
        o.set("done_at", doneAt)
        o["uuid"] = .string(uuid)
        if let urgency {
            o["urgency"] = .double(urgency.score)
            if explain { o["urgency_terms"] = .object(urgency.termsRecord) }
        }
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    /// The columns `init(row:)` reads, from `tasks t`, in the store's dialect.
    static func select(_ dialect: Dialect) -> String {
        dialect == .sqlite ? selectSQLite : selectPostgres
    }

    private static let selectSQLite = select(joining: .sqlite)
    private static let selectPostgres = select(joining: .postgres)

    private static func select(joining d: Dialect) -> String {
        """
        SELECT t.n, t.uuid, t.title, t.description, t.project, t.status, t.priority, t.assignee, t.author, t.due, t.start,
            t.estimate, t.estimate_s, t.parent, t.recur, t.recur_zone, t.recur_anchor, t.recur_index, t.recur_of, t.done_at,
            t.extra, t.rev, t.created, t.updated,
            \(d.joined("tag", separator: " ", from: "task_tags WHERE task = t.n")),
            \(d.joined("depends", separator: " ", from: "task_deps WHERE task = t.n")),
            EXISTS (SELECT 1 FROM task_deps d JOIN tasks b ON b.n = d.depends WHERE d.task = t.n AND b.status IN ('todo', 'doing')),
            EXISTS (SELECT 1 FROM task_deps d JOIN tasks b ON b.n = d.task WHERE d.depends = t.n AND b.status IN ('todo', 'doing')),
            (SELECT count(*) FROM tasks c WHERE c.parent = t.n AND c.status <> 'cancelled'),
            (SELECT count(*) FROM tasks c WHERE c.parent = t.n AND c.status = 'done')
        FROM tasks t
        """
    }

    init(row r: Row) {
        n = r.int(0)
        uuid = r.string(1)
        title = r.string(2)
        description = r.optString(3)
        project = r.optString(4)
        stored = TaskStatus(rawValue: r.string(5)) ?? .todo
        priority = TaskPriority(rawValue: r.string(6)) ?? .normal
        assignee = r.optString(7)
        author = r.string(8)
        due = r.optString(9)
        start = r.optString(10)
        estimate = r.optString(11)
        estimateSeconds = r.optInt(12)
        parent = r.optInt(13)
        recur = r.optString(14)
        recurZone = r.optString(15)
        recurAnchor = r.optString(16)
        recurIndex = r.optInt(17)
        recurOf = r.optInt(18)
        doneAt = r.optString(19)
        extra = r.optString(20)
        rev = r.int(21)
        created = r.string(22)
        updated = r.string(23)
        tags = r.optString(24).map { $0.split(separator: " ").map(String.init) } ?? []
        depends = r.optString(25).map { $0.split(separator: " ").compactMap { Int64($0) } } ?? []
        blocked = r.bool(26)
        blocking = r.bool(27)
        subtasks = r.int(28)
        subtasksDone = r.int(29)
    }

    package init(n: Int64, uuid: String, title: String, author: String, now: String) {
        self.n = n
        self.uuid = uuid
        self.title = title
        self.author = author
        self.stored = .todo
        self.priority = .normal
        self.rev = 1
        self.created = now
        self.updated = now
    }
}

/// The urgency score of `collab-task next` (collab-task(1) gives the formula): a sum of
/// terms, each a coefficient times a factor between 0 and 1 (−1 for `blocked`).
package struct Urgency: Sendable {
    /// Coefficients, as in the man page.
    package enum Coefficient {
        package static let priority: [TaskPriority: Double] = [.urgent: 9.0, .high: 6.0, .normal: 3.9, .low: 1.8]
        package static let due = 12.0
        package static let age = 2.0
        package static let blocking = 8.0
        package static let blocked = -5.0
        package static let started = 4.0
    }

    /// The terms, in the order the man page lists them.
    package var terms: [(String, Double)]

    /// The sum, rounded to three decimals.
    package var score: Double { (terms.reduce(0) { $0 + $1.1 } * 1000).rounded() / 1000 }

    var termsRecord: JSONObject {
        JSONObject(terms.map { ($0.0, JSONValue.double(($0.1 * 1000).rounded() / 1000)) })
    }

    /// The urgency of `task` at `now`.
    package init(_ task: TaskItem, now: Instant) {
        var t: [(String, Double)] = []
        t.append(("priority", Coefficient.priority[task.priority] ?? 0))
        var dueFactor = 0.0
        if let due = task.due.flatMap(RFC3339.parse) {
            // Days past due: 7 or more overdue counts fully; 14 or more days ahead counts 0.2;
            // in between it grows linearly from 0.2 to 1.
            let daysOverdue = Double(now.seconds - due.seconds) / 86_400
            if daysOverdue >= 7 {
                dueFactor = 1
            } else if daysOverdue >= -14 {
                dueFactor = (daysOverdue + 14) * 0.8 / 21 + 0.2
            } else {
                dueFactor = 0.2
            }
        }
        t.append(("due", Coefficient.due * dueFactor))
        var ageFactor = 0.0
        if let created = RFC3339.parse(task.created) {
            ageFactor = min(max(Double(now.seconds - created.seconds) / 86_400 / 365, 0), 1)
        }
        t.append(("age", Coefficient.age * ageFactor))
        t.append(("blocking", task.blocking ? Coefficient.blocking : 0))
        t.append(("blocked", task.blocked ? Coefficient.blocked : 0))
        t.append(("started", task.stored == .doing ? Coefficient.started : 0))
        terms = t
    }
}
