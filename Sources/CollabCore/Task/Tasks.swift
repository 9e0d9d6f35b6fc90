/// Reads of tasks and the access rules that apply to them.
///
/// A task in a project follows the project's access list (a public project lets every
/// member add and change tasks); deleting needs `manage` (the project's manager). A task
/// without a project belongs to its author. Whoever a task is assigned to may always see
/// it and change it.
package enum Tasks {
    /// The task with this number, or nil.
    package static func get(_ sql: SQL, _ n: Int64) throws -> TaskItem? {
        try sql.first(TaskItem.select(sql.dialect) + " WHERE t.n = ?", [.int(n)]) { TaskItem(row: $0) }
    }

    /// The task named by `text` (`task-42` or `42`), or exit 1.
    package static func require(_ sql: SQL, _ text: String) throws -> TaskItem {
        let n = try TaskItem.ids.number(text)
        guard let t = try get(sql, n) else { throw CollabError.notFound("task", TaskItem.ids.id(n)) }
        return t
    }

    /// The level `actor` has on `task`.
    package static func level(_ sql: SQL, _ actor: Actor, _ task: TaskItem) throws -> AccessLevel? {
        if actor.isAdmin { return .manage }
        var best: AccessLevel?
        if let p = task.project, let project = try Projects.get(sql, p) {
            best = try Access.level(actor, in: project.space, publicLevel: .write, sql)
        } else if task.author == actor.id {
            best = .manage
        }
        if task.assignee == actor.id, best.map({ $0 < .write }) ?? true { best = .write }
        return best
    }

    /// Refuses (exit 77) unless `actor` has `needed` on `task`.
    package static func require(_ sql: SQL, _ actor: Actor, _ needed: AccessLevel, _ task: TaskItem, to action: String) throws {
        guard let have = try level(sql, actor, task), have >= needed else {
            throw CollabError.denied("\(actor.id) may not \(action) \(task.id): \(needed.rawValue) access is needed")
        }
    }

    /// The task named by `text` if `actor` may read it.
    package static func readable(_ sql: SQL, _ actor: Actor, _ text: String) throws -> TaskItem {
        let t = try require(sql, text)
        try require(sql, actor, .read, t, to: "see")
        return t
    }

    /// An SQL condition on `tasks t` keeping what `actor` may read.
    static func readableCondition(_ actor: Actor) -> (sql: String, args: [SQLValue]) {
        if actor.isAdmin { return ("1 = 1", []) }
        let p = Access.readableCondition(actor, spaceType: "project", idColumn: "p.id", visibilityColumn: "p.visibility", ownerColumn: "p.owner")
        return (
            "(t.assignee = ? OR (t.project IS NULL AND t.author = ?) OR t.project IN (SELECT p.id FROM projects p WHERE \(p.sql)))",
            [.text(actor.id), .text(actor.id)] + p.args
        )
    }

    /// The comments on a record (`task-42`), oldest first.
    package static func comments(_ sql: SQL, on id: String, _ body: (JSONObject) throws -> Void) throws {
        try sql.each("SELECT n, author, ts, body FROM comments WHERE on_id = ? ORDER BY n", [.text(id)]) { r in
            try body(Comments.record(n: r.int(0), on: id, author: r.string(1), ts: r.string(2), body: r.string(3)))
            return true
        }
    }
}

/// Comments on tasks (and, later, other records): `comment-N`, append-only.
package enum Comments {
    package static let ids = SequenceId("comment")

    /// The `comment` record.
    package static func record(n: Int64, on: String, author: String, ts: String, body: String) -> JSONObject {
        JSONObject([
            ("type", .string("comment")), ("id", .string(ids.id(n))), ("on", .string(on)), ("author", .string(author)),
            ("ts", .string(ts)), ("body", .string(body)),
        ])
    }

    /// Adds a comment by the acting user, at `ts` (now unless an import gives one).
    @discardableResult
    package static func add(_ tx: Transaction, on: String, author: String, body: String, ts: String? = nil) throws -> JSONObject {
        guard !body.trimmingSpaces.isEmpty else { throw CollabError.invalid("body", body, "a comment cannot be empty") }
        let n = try tx.nextNumber("comment")
        let when = ts ?? tx.timestamp
        try tx.sql.execute("INSERT INTO comments (n, on_id, author, ts, body) VALUES (?, ?, ?, ?, ?)",
                           [.int(n), .text(on), .text(author), .text(when), .text(body)])
        let r = record(n: n, on: on, author: author, ts: when, body: body)
        try tx.record(.create, "comment", ids.id(n), r)
        return r
    }
}
