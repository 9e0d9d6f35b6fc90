import ArgumentParser
import CollabCore

extension CollabTask {
    /// `collab-task project …`
    struct ProjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project",
            abstract: "Add, list, show, update, archive and share projects.",
            subcommands: [Add.self, List.self, Show.self, Update.self, Archive.self, Share.self])
    }
}

/// The fields `project add` and `project update` set.
struct ProjectFieldOptions: ParsableArguments {
    @Option(help: "The title.") var title: String?
    @Option(help: "What the project is about ('-' reads standard input; '' clears it).") var description: String?
    @Option(help: "The group (service) working on it; it gets write access ('' clears it).") var group: String?
    @Option(help: "public (every member may see it and add tasks) or private (its access list only).") var visibility: Visibility?
    @Option(help: "The project's due date or time ('' clears it).") var due: String?
    @Option(help: "The owner (admins only; default: you).") var owner: String?

    func spec(_ ctx: Context) throws -> ProjectSpec {
        var s = ProjectSpec()
        s.title = title
        s.description = try description.map { try ctx.text($0, field: "description") }
        s.group = group
        s.visibility = visibility
        s.due = try due.map { $0.isEmpty ? "" : RFC3339.format(try ctx.time($0, field: "due")) }
        s.owner = owner
        return s
    }
}

extension CollabTask.ProjectCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a project (you own it and manage it).",
            discussion: """
                Adding a project that exists with the same attributes changes nothing (exit 0); with \
                other attributes it is a conflict (exit 73) unless --update. With --key, a repeated add \
                returns the project first created with that key.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The project's id, a slug like 'plu-2027'.") var id: String
        @OptionGroup var fields: ProjectFieldOptions
        @Option(name: .customLong("share"), help: "An access entry: USER[:LEVEL] or group:GROUP[:LEVEL] (repeatable).") var shares: [String] = []
        @Option(help: "An external key: repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Change an existing project to these attributes instead of refusing.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let spec = try fields.spec(ctx)
            let entries = try shares.map(AccessEntry.parse)
            let p = try ctx.write(write) { tx, actor in
                try Projects.add(tx, actor, id: id, spec, shares: entries, key: key, update: update).0
            }
            try ctx.emit(p.record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the projects you may see, in id order.")

        @Option(help: "active (default), archived or all.") var status: String = "active"
        @Option(help: "Only projects of this group.") var group: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            guard status == "all" || ProjectStatus(rawValue: status) != nil else {
                throw ValidationError("invalid --status '\(status)': expected active, archived or all")
            }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Projects.each(sql, actor, status: ProjectStatus(rawValue: status), group: group) {
                    try ctx.emit($0.record)
                    return true
                }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show projects with their progress.",
            discussion: """
                The record has a 'progress' object: tasks by status, overdue, percent_done (done among \
                tasks not cancelled), estimate_done and estimate_left. Exit 1 if a project is not found.
                """)

        @Argument(help: "Project ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(ids)) { id in
                try ctx.read { sql in
                    var r = try Projects.readable(sql, actor, id).record
                    r["progress"] = .object(try Projects.progress(sql, id, now: ctx.now))
                    return r
                }
            }
        }
    }

    struct Update: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change projects (manage access needed).",
            discussion: "--if-rev N refuses (exit 73) if the project is no longer at rev N.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Project ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup var fields: ProjectFieldOptions
        @Option(help: "active or archived.") var status: ProjectStatus?
        @Option(name: .customLong("if-rev"), help: "Only if the project is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            var spec = try fields.spec(ctx)
            spec.status = status
            let ids = try ctx.ids(ids)
            let ps = try ctx.write(write) { tx, actor in try ids.map { try Projects.update(tx, actor, $0, spec, ifRev: ifRev) } }
            for p in ps { try ctx.emit(p.record) }
        }
    }

    struct Archive: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Archive projects: they take no new tasks (manage access needed).",
            discussion: "Undo with 'project update ID --status active'.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Project ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            var spec = ProjectSpec()
            spec.status = .archived
            let ids = try ctx.ids(ids)
            let ps = try ctx.write(write) { tx, actor in try ids.map { try Projects.update(tx, actor, $0, spec, ifRev: nil) } }
            for p in ps { try ctx.emit(p.record) }
        }
    }

    struct Share: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "share",
            abstract: "Give users or groups access to a project (manage access needed).",
            discussion: """
                Entries are USER[:LEVEL] or group:GROUP[:LEVEL]; LEVEL is read (the default), write or \
                manage. A guest sees a project only once it is shared with them.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The project.") var id: String
        @Argument(help: "Access entries.") var entries: [String]
        @Flag(help: "Remove these users or groups from the access list instead.") var revoke = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if entries.isEmpty { throw ValidationError("missing access entries: USER[:LEVEL] or group:GROUP[:LEVEL]") }
        }

        func run(_ ctx: Context) throws {
            let parsed = try entries.map(AccessEntry.parse)
            let p = try ctx.write(write) { tx, actor in try Projects.share(tx, actor, id, parsed, revoke: revoke) }
            try ctx.emit(p.record)
        }
    }
}
