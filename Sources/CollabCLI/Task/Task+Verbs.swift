import ArgumentParser
import CollabCore

extension Context {
    /// Prints a task with its urgency now.
    func emit(_ task: TaskItem, explain: Bool = false) throws {
        try emit(task.record(urgency: Urgency(task, now: now), explain: explain))
    }
}

extension CollabTask {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a task.",
            discussion: """
                With --key, a repeated add returns the task first created with that key and changes \
                nothing, so a script can run twice. A subtask (--parent) joins its parent's project \
                unless --project says otherwise.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The title ('-' reads it from standard input).") var title: String
        @OptionGroup var fields: TaskFieldOptions
        @Option(help: "An external key: repeating the add with it changes nothing.") var key: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            var spec = try fields.spec(ctx, actor: actor)
            spec.addTags = fields.tags
            let title = try ctx.text(title, field: "title")
            let t = try ctx.write(write) { tx, actor in try Tasks.add(tx, actor, title: title, spec, key: key).0 }
            try ctx.emit(t)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the tasks you may see (open ones unless --status says otherwise).",
            discussion: """
                Filters combine with AND. The list streams in id order; --sort urgency reads the \
                matching tasks before printing them.
                """)

        @OptionGroup var filters: TaskFilterOptions
        @Flag(help: "Add each task's urgency terms (urgency_terms).") var explain = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let f = try filters.filter(ctx, actor: actor)
            try ctx.read { sql in
                try Tasks.each(sql, actor, f, now: ctx.now) {
                    try ctx.emit($0, explain: explain)
                    return true
                }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show tasks (with --comments, each followed by its comments).",
            discussion: "Exit 1 if any of them is not found (the others are still shown).")

        @Argument(help: "Task ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @Flag(help: "Print each task's comment records after it.") var comments = false
        @Flag(help: "Add the urgency terms (urgency_terms).") var explain = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(ids), printing: { id in
                try ctx.read { sql in
                    let t = try Tasks.readable(sql, actor, id)
                    try ctx.emit(t, explain: explain)
                    if comments { try Tasks.comments(sql, on: t.id) { try ctx.emit($0) } }
                }
            })
        }
    }

    struct Update: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change any field of tasks.",
            discussion: """
                An empty value clears an optional field (--due ''). --tag replaces the tags; --add-tag \
                and --remove-tag change them. --depends adds dependencies; a cycle is refused (exit 65). \
                --if-rev N refuses (exit 73) if the task is no longer at rev N.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Task ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @Option(help: "The title.") var title: String?
        @OptionGroup var fields: TaskFieldOptions
        @Option(help: "todo, doing, done or cancelled (as start, done, cancel, reopen do).") var status: TaskStatus?
        @Option(name: .customLong("add-tag"), help: "Add this tag (repeatable).") var addTags: [String] = []
        @Option(name: .customLong("remove-tag"), help: "Remove this tag (repeatable).") var removeTags: [String] = []
        @Option(name: .customLong("remove-depends"), help: "No longer wait for this task (repeatable).") var removeDepends: [String] = []
        @Option(name: .customLong("if-rev"), help: "Only if the task is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            var spec = try fields.spec(ctx, actor: actor)
            spec.title = title
            spec.status = status
            if !fields.tags.isEmpty { spec.tags = fields.tags }
            spec.addTags = addTags
            spec.removeTags = removeTags
            spec.removeDepends = removeDepends
            guard !spec.isEmpty else { throw CollabError(.usage, "nothing to change: give at least one field option") }
            let ids = try ctx.ids(ids)
            let tasks = try ctx.write(write) { tx, actor in try ids.map { try Tasks.update(tx, actor, $0, spec, ifRev: ifRev) } }
            for t in tasks { try ctx.emit(t) }
        }
    }

    /// What `start`, `done`, `cancel` and `reopen` take.
    struct TransitionOptions: ParsableArguments {
        @Argument(help: "Task ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @Option(name: .customLong("if-rev"), help: "Only if the task is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        /// Moves each task to `status` (a task already there is left alone) and prints it.
        func run(_ ctx: Context, to status: TaskStatus) throws {
            let ids = try ctx.ids(ids)
            let tasks = try ctx.write(write) { tx, actor in
                try ids.map { id -> TaskItem in
                    let t = try Tasks.require(tx.sql, id)
                    if status == .todo && t.stored.isOpen {
                        try Tasks.require(tx.sql, actor, .write, t, to: "reopen")
                        return t
                    }
                    return try Tasks.transition(tx, actor, id, to: status, ifRev: ifRev)
                }
            }
            for t in tasks { try ctx.emit(t) }
        }
    }

    struct Start: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "start", abstract: "Start tasks: status doing, start time now (if not set).",
            discussion: "A done or cancelled task must be reopened first (exit 73).")
        static var storeAccess: StoreAccess { .write }
        @OptionGroup var options: TransitionOptions
        var global: GlobalOptions { options.global }
        func run(_ ctx: Context) throws { try options.run(ctx, to: .doing) }
    }

    struct Done: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "done", abstract: "Finish tasks.",
            discussion: """
                Finishing a recurring task creates its next instance, once: running done again, or from \
                two processes at once, changes nothing. Dependants that no longer wait are shown as \
                updated in the change feed.
                """)
        static var storeAccess: StoreAccess { .write }
        @OptionGroup var options: TransitionOptions
        var global: GlobalOptions { options.global }
        func run(_ ctx: Context) throws { try options.run(ctx, to: .done) }
    }

    struct Cancel: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Cancel tasks (they no longer block anything).")
        static var storeAccess: StoreAccess { .write }
        @OptionGroup var options: TransitionOptions
        var global: GlobalOptions { options.global }
        func run(_ ctx: Context) throws { try options.run(ctx, to: .cancelled) }
    }

    struct Reopen: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen", abstract: "Reopen done or cancelled tasks (status todo).")
        static var storeAccess: StoreAccess { .write }
        @OptionGroup var options: TransitionOptions
        var global: GlobalOptions { options.global }
        func run(_ ctx: Context) throws { try options.run(ctx, to: .todo) }
    }

    struct Assign: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign tasks to a user: assign ID… USER ('me' works; 'none' unassigns).")
        static var storeAccess: StoreAccess { .write }
        @Argument(help: "Task ids ('-' reads them from standard input), then the user.") var words: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if words.count < 2 { throw ValidationError("expected task ids then a user: assign task-1 alice") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            var spec = TaskSpec()
            let user = words.last!
            spec.assignee = user == "me" ? actor.id : (user == "none" ? "" : user)
            let ids = try ctx.ids(Array(words.dropLast()))
            let tasks = try ctx.write(write) { tx, actor in try ids.map { try Tasks.update(tx, actor, $0, spec) } }
            for t in tasks { try ctx.emit(t) }
        }
    }

    struct Move: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "move",
            abstract: "Move tasks to a project: move ID… PROJECT ('none' takes them out of any project).",
            discussion: "You need write access to both projects.")
        static var storeAccess: StoreAccess { .write }
        @Argument(help: "Task ids ('-' reads them from standard input), then the project.") var words: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if words.count < 2 { throw ValidationError("expected task ids then a project: move task-1 plu-2027") }
        }

        func run(_ ctx: Context) throws {
            var spec = TaskSpec()
            let project = words.last!
            spec.project = project == "none" ? "" : project
            let ids = try ctx.ids(Array(words.dropLast()))
            let tasks = try ctx.write(write) { tx, actor in try ids.map { try Tasks.update(tx, actor, $0, spec) } }
            for t in tasks { try ctx.emit(t) }
        }
    }

    struct Comment: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "comment",
            abstract: "Comment on a task (read access is enough).")
        static var storeAccess: StoreAccess { .write }
        @Argument(help: "The task.") var id: String
        @Argument(help: "The text ('-' reads it from standard input).") var text: String
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let body = try ctx.text(text, field: "body")
            let ids = try ctx.ids([id])
            let records = try ctx.write(write) { tx, actor in try ids.map { try Tasks.comment(tx, actor, $0, body: body) } }
            for r in records { try ctx.emit(r) }
        }
    }

    struct Delete: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete tasks (admins and project managers; a task without project: its author).",
            discussion: "Prints the deleted tasks. A task with subtasks is kept (exit 73). Prefer cancel to keep history.")
        static var storeAccess: StoreAccess { .write }
        @Argument(help: "Task ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(ids)
            let tasks = try ctx.write(write) { tx, actor in try ids.map { try Tasks.delete(tx, actor, $0) } }
            for t in tasks { try ctx.emit(t.record()) }
        }
    }

    struct Next: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "next",
            abstract: "What to do next: your open tasks, most urgent first.",
            discussion: """
                urgency = priority (urgent 9, high 6, normal 3.9, low 1.8) + 12 x due (1 when 7 days \
                overdue or more, 0.2 when due in 14 days or more, linear in between, 0 without due) + \
                2 x age (days since created / 365, at most 1) + 8 if it blocks an open task - 5 if it is \
                blocked + 4 if started. --explain shows each term (urgency_terms).
                """)
        @Option(help: "Whose tasks (default: yours).") var user: String?
        @Option(help: "At most this many (default 10; 0 for all).") var limit: Int = 10
        @Flag(help: "Show each term of the urgency (urgency_terms).") var explain = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let who = user.map { $0 == "me" ? actor.id : $0 } ?? actor.id
            let tasks = try ctx.read { sql in try Tasks.next(sql, actor, user: who, now: ctx.now, limit: limit == 0 ? nil : limit) }
            for (t, u) in tasks { try ctx.emit(t.record(urgency: u, explain: explain)) }
        }
    }
}
