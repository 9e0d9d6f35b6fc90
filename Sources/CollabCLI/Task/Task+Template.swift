import ArgumentParser
import CollabCore

extension CollabTask {
    /// `collab-task template …`
    struct TemplateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Save a project's tasks as a template; apply it to a project from a start date.",
            subcommands: [Save.self, Apply.self, List.self, Show.self, Delete.self])
    }
}

/// Reads `ROLE=USER` / `USER=ROLE` pairs.
private func pairs(_ items: [String], _ option: String) throws -> [String: String] {
    var out: [String: String] = [:]
    for item in items {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
            throw CollabError(.usage, "invalid --\(option) '\(item)': expected NAME=VALUE")
        }
        out[kv[0]] = kv[1]
    }
    return out
}

extension CollabTask.TemplateCommand {
    struct Save: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "save",
            abstract: "Save the tasks of a project (all but cancelled) as a template.",
            discussion: """
                Due times become offsets from --start (default: the earliest due date among the tasks): \
                a task due two days after it at 17:00 is applied two days after the new start at 17:00 \
                local time. Assignees become roles, named after the user unless --role USER=ROLE renames \
                them. Dependencies and subtasks are kept. Saving the same tasks again changes nothing; \
                other tasks under an existing name need --update.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The project to save.") var project: String
        @Argument(help: "The template's name (a slug).") var name: String
        @Option(help: "The reference date of the offsets.") var start: String?
        @Option(name: .customLong("role"), help: "Name the role of a user's tasks: USER=ROLE (repeatable).") var roles: [String] = []
        @Flag(help: "Replace an existing template of this name.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let zone = try ctx.zone()
            let startDate = try start.map { zone.civil(try ctx.time($0, field: "start")).date }
            let roleMap = try pairs(roles, "role")
            let r = try ctx.write(write) { tx, actor in
                try Templates.save(tx, actor, project: project, name: name, start: startDate, roles: roleMap, update: update, zone: zone)
            }
            try ctx.emit(r)
        }
    }

    struct Apply: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Create a template's tasks in a project, due relative to a start date.",
            discussion: """
                --assign ROLE=USER gives a role's tasks to a user; a role left out goes to the user of \
                that name if there is one, else stays unassigned (a warning names it). With --key, \
                applying again returns the tasks of the first apply and changes nothing: an onboarding \
                script keys it by the new agent's id.

                With --from FILE ('-': standard input), the template is applied once per NDJSON record, \
                all in one transaction, and --project, --start, --assign and --key are Mustache templates \
                rendered for each record: --start '{{start}}' --assign 'agent={{id}}' --key 'onboard:{{id}}'. \
                Every line is checked first: one bad line applies nothing (exit 65).
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The template.") var name: String
        @Option(help: "The project to create the tasks in.") var project: String
        @Option(help: "The start date the offsets count from.") var start: String
        @Option(name: .customLong("assign"), help: "ROLE=USER (repeatable).") var assign: [String] = []
        @Option(help: "An external key: applying again with it changes nothing.") var key: String?
        @Option(help: ArgumentHelp("Apply once per NDJSON record of this file ('-': standard input); the options are then templates.", valueName: "file"))
        var from: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        /// One application: where, from when, who plays which role, under which key.
        struct Application {
            var project: String
            var start: CivilDate
            var assign: [String: String]
            var key: String?
        }

        func run(_ ctx: Context) throws {
            let zone = try ctx.zone()
            let applications: [Application]
            if let from {
                applications = try perRecord(ctx, from, zone)
            } else {
                let startDate = zone.civil(try ctx.time(start, field: "start")).date
                applications = [Application(project: project, start: startDate, assign: try pairs(assign, "assign"), key: key)]
            }
            var unassigned = Set<String>()
            let tasks = try ctx.write(write) { tx, actor in
                unassigned = []
                return try applications.flatMap { a in
                    let (tasks, missing) = try Templates.apply(
                        tx, actor, name: name, project: a.project, start: a.start, assign: a.assign, key: a.key, zone: zone)
                    unassigned.formUnion(missing)
                    return tasks
                }
            }
            let roles = unassigned.sorted()
            if !roles.isEmpty {
                ctx.reporter.warn("no user for role\(roles.count > 1 ? "s" : "") \(roles.joined(separator: ", ")): those tasks are unassigned (use --assign ROLE=USER)")
            }
            for t in tasks { try ctx.emit(t) }
        }

        /// Every record of the input rendered into an application; every bad line reported,
        /// then exit 65.
        private func perRecord(_ ctx: Context, _ file: String, _ zone: Zone) throws -> [Application] {
            let projectT = try RecordTemplate(project), startT = try RecordTemplate(start)
            let keyT = try key.map(RecordTemplate.init)
            let assignT = try assign.map(RecordTemplate.init)
            var keys: [String: Int] = [:]
            return try ctx.inputRecords(file, nothingWas: "applied") { record, line in
                let startDate = zone.civil(try ctx.time(startT.render(record), field: "start")).date
                let map = try pairs(assignT.map { $0.render(record) }, "assign")
                let k = try keyT.map { try Context.uniqueKey($0.render(record), line: line, &keys) }
                return Application(project: projectT.render(record), start: startDate, assign: map, key: k)
            }
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List templates, by name.")
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            _ = try ctx.actor()
            try ctx.read { sql in try Templates.each(sql) { try ctx.emit($0) } }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show templates.", discussion: "Exit 1 if any of them is not found.")
        @Argument(help: "Template names; '-' reads them from standard input.") var names: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            _ = try ctx.actor()
            try ctx.showEach(try ctx.ids(names)) { name in try ctx.read { try Templates.require($0, name) } }
        }
    }

    struct Delete: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete templates (admins, or the manager of the project they were saved from).")
        static var storeAccess: StoreAccess { .write }
        @Argument(help: "Template names; '-' reads them from standard input.") var names: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let names = try ctx.ids(names)
            let rs = try ctx.write(write) { tx, actor in try names.map { try Templates.delete(tx, actor, $0) } }
            for r in rs { try ctx.emit(r) }
        }
    }
}
