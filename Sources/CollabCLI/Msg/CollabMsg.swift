import ArgumentParser
import CollabCore

/// `collab-msg`: Messaging by channel: channels, direct messages, threads, search, follow.
package struct CollabMsg: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-msg",
        abstract: "Messaging by channel: channels, direct messages, threads, search, follow.",
        discussion: """
            Records are printed as NDJSON when standard output is not a terminal (see collab(7)).
            Exit codes: 0 done, 1 not found, 64 usage, 65 bad input, 73 conflict, 74 I/O,
            75 busy, 77 permission denied, 78 configuration. See collab-msg(1).
            """,
        version: CommandRunner.version,
        subcommands: [
            ChannelCommand.self, Dm.self, Post.self, Reply.self, Edit.self, Delete.self, List.self, Read.self, Unread.self,
            Inbox.self, Thread.self, Search.self, Tail.self, HookCommand.self, Import.self, Export.self,
        ]
    )

    package init() {}
}

extension CollabMsg {
    /// A time option as RFC 3339 text, read in the zone in force.
    static func time(_ ctx: Context, _ text: String?, _ field: String) throws -> String? {
        try text.map { RFC3339.format(try ctx.time($0, field: field)) }
    }
}
