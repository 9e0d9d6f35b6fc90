import ArgumentParser

/// `collab-task`: Projects and tasks.
package struct CollabTask: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-task",
        abstract: "Projects and tasks.",
        discussion: "This program's verbs are not available yet in this version; see collab(7) for the toolkit.",
        version: CommandRunner.version,
        subcommands: []
    )

    package init() {}
}
