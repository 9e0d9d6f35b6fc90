import ArgumentParser
import CollabCore

/// The task fields `add` and `update` take.
struct TaskFieldOptions: ParsableArguments {
    @Option(help: "A longer text ('-' reads standard input; '' clears it).") var description: String?
    @Option(help: "The project ('' takes the task out of its project).") var project: String?
    @Option(help: "low, normal, high or urgent.") var priority: TaskPriority?
    @Option(help: "Who does it: a user, or 'me' ('' unassigns).") var assignee: String?
    @Option(parsing: .unconditional, help: "When it is due: any time form of collab(7), like 'friday 17:00' or '+3d' ('' clears it).") var due: String?
    @Option(parsing: .unconditional, help: "When work starts or started ('' clears it).") var start: String?
    @Option(help: "The estimated work: 2h, 90m, 1d, PT1H30M ('' clears it).") var estimate: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    @Option(name: .customLong("depends"), help: "A task this one waits for (repeatable).") var depends: [String] = []
    @Option(help: "The parent task: this one becomes an item of its checklist ('' detaches it).") var parent: String?
    @Option(help: "daily, weekdays, weekly, biweekly, monthly, quarterly, yearly or an RFC 5545 RRULE (FREQ=DAILY or longer); needs --due ('' stops it).") var recur: String?

    /// The spec these options describe, times read in the zone in force.
    func spec(_ ctx: Context, actor: Actor) throws -> TaskSpec {
        var s = TaskSpec()
        s.description = try description.map { try ctx.text($0, field: "description") }
        s.project = project
        s.priority = priority
        s.assignee = assignee.map { $0 == "me" ? actor.id : $0 }
        s.due = try time(due, "due", ctx)
        s.start = try time(start, "start", ctx)
        s.estimate = estimate
        s.depends = depends
        s.parent = parent
        s.recur = recur
        if recur != nil { s.zone = try ctx.zone().identifier }
        return s
    }

    func time(_ text: String?, _ field: String, _ ctx: Context) throws -> String? {
        guard let text else { return nil }
        return text.isEmpty ? "" : RFC3339.format(try ctx.time(text, field: field))
    }
}

/// The filters of `list` and `export`.
struct TaskFilterOptions: ParsableArguments {
    @Option(help: "Only tasks in these states: todo, doing, blocked, done, cancelled, or all (comma-separated; default: the open ones).") var status: String?
    @Option(help: "Only tasks assigned to this user ('me' works).") var assignee: String?
    @Flag(help: "Only tasks assigned to nobody.") var unassigned = false
    @Option(help: "Only tasks of this project.") var project: String?
    @Option(name: .customLong("tag"), help: "Only tasks with this tag (repeatable: all of them).") var tags: [String] = []
    @Option(name: .customLong("due-before"), parsing: .unconditional, help: "Only tasks due before this time.") var dueBefore: String?
    @Option(name: .customLong("due-after"), parsing: .unconditional, help: "Only tasks due after this time.") var dueAfter: String?
    @Flag(help: "Only open tasks past their due time.") var overdue = false
    @Flag(help: "Only open tasks waiting for an open dependency.") var blocked = false
    @Option(help: "Only tasks whose title or description has these words (accents ignored).") var query: String?
    @Option(help: "Only the subtasks of this task.") var parent: String?
    @Option(parsing: .unconditional, help: "Order: id (default), due, priority, urgency, created, updated, title, status, project, assignee; comma-separated, '-' before a key for descending.") var sort: String?
    @Option(help: "At most this many.") var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        if let status {
            for s in status.split(separator: ",").map(String.init) where s != "all" && TaskStatus(rawValue: s) == nil {
                throw ValidationError("invalid --status '\(s)': expected todo, doing, blocked, done, cancelled or all")
            }
        }
    }

    func filter(_ ctx: Context, actor: Actor, defaultAll: Bool = false) throws -> TaskFilter {
        var f = TaskFilter()
        if let status {
            let parts = status.split(separator: ",").map(String.init)
            if parts.contains("all") { f.all = true } else { f.statuses = parts.compactMap(TaskStatus.init(rawValue:)) }
        } else {
            f.all = defaultAll
        }
        f.assignee = assignee.map { $0 == "me" ? actor.id : $0 }
        f.unassigned = unassigned
        f.project = project
        f.tags = tags
        f.dueBefore = try dueBefore.map { RFC3339.format(try ctx.time($0, field: "due-before")) }
        f.dueAfter = try dueAfter.map { RFC3339.format(try ctx.time($0, field: "due-after")) }
        f.overdue = overdue
        f.blocked = blocked
        f.query = query
        f.parent = try parent.map { try TaskItem.ids.number($0) }
        f.sort = sort.map { $0.split(separator: ",").map { String($0).trimmingSpaces } } ?? []
        f.limit = limit
        return f
    }
}
