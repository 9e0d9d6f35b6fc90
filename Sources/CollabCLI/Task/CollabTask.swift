import ArgumentParser
import CollabCore

/// `collab-task`: projects and tasks.
package struct CollabTask: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-task",
        abstract: "Projects and tasks: add, list, follow and finish work, alone or as a team.",
        discussion: """
            Tasks are task-N (a bare number works too); projects are slugs. Records are printed as \
            NDJSON when standard output is not a terminal (see collab(7)). Exit codes: 0 done, \
            1 not found, 64 usage, 65 bad input, 73 conflict, 75 busy, 77 permission denied, \
            78 configuration. See collab-task(1).
            """,
        version: CommandRunner.version,
        subcommands: [
            ProjectCommand.self, Add.self, List.self, Show.self, Update.self, Start.self, Done.self, Cancel.self,
            Reopen.self, Assign.self, Comment.self, Move.self, Delete.self, Next.self, Board.self, Workload.self, TemplateCommand.self, Import.self, Export.self,
        ]
    )

    package init() {}
}

extension TaskPriority: ExpressibleByArgument {}
extension TaskStatus: ExpressibleByArgument {}
extension ProjectStatus: ExpressibleByArgument {}
