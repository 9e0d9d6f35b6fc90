import ArgumentParser

/// `collab-cal`: Shared calendars, events, rooms and free slots.
package struct CollabCal: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-cal",
        abstract: "Shared calendars, events, rooms and free slots.",
        discussion: "This program's verbs are not available yet in this version; see collab(7) for the toolkit.",
        version: CommandRunner.version,
        subcommands: []
    )

    package init() {}
}
