import ArgumentParser
import CollabCore

extension CollabTask {
    struct Board: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "board",
            abstract: "A project's kanban board: columns todo, doing, blocked, done.",
            discussion: """
                Prints board_row records: row N holds the N-th task of each column ('task-3 Title \
                @assignee'), in due order; done shows the most recently finished. Best read with \
                --format table; scripts should use 'list --project P'.
                """)

        @Argument(help: "The project.") var project: String
        @Option(name: .customLong("done"), help: "How many finished tasks to show (default 5).") var doneLimit: Int = 5
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if doneLimit < 0 { throw ValidationError("invalid --done '\(doneLimit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let columns = try ctx.read { try Tasks.board($0, actor, project: project, doneLimit: doneLimit) }
            for row in Tasks.boardRows(columns) { try ctx.emit(row) }
        }
    }

    struct Workload: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "workload",
            abstract: "Open work per assignee (or per group): open, overdue, estimates due this week and next.",
            discussion: """
                Counts the open tasks you may see that have an assignee. Weeks run Monday to Sunday in \
                the zone in force (--tz). With --by group, a user in two groups counts in both.
                """)

        @Option(help: "Only tasks of this project.") var project: String?
        @Option(help: "Only the members of this group.") var group: String?
        @Option(help: "user (default) or group.") var by: String = "user"
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            guard by == "user" || by == "group" else { throw ValidationError("invalid --by '\(by)': expected user or group") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let zone = try ctx.zone()
            let loads = try ctx.read { sql in
                if let project { _ = try Projects.readable(sql, actor, project) }
                return try Tasks.workload(sql, actor, project: project, group: group, byGroup: by == "group", now: ctx.now, zone: zone)
            }
            for l in loads { try ctx.emit(l.record) }
        }
    }
}
