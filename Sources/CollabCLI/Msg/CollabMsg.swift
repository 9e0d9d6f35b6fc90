import ArgumentParser

/// `collab-msg`: Messaging by channel: channels, direct messages, threads, search, follow.
package struct CollabMsg: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-msg",
        abstract: "Messaging by channel: channels, direct messages, threads, search, follow.",
        discussion: "This program's verbs are not available yet in this version; see collab(7) for the toolkit.",
        version: CommandRunner.version,
        subcommands: []
    )

    package init() {}
}
