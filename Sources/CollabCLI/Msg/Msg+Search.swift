#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension CollabMsg {
    struct Search: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Search the messages you may read, best match first.",
            discussion: """
                Every word must appear, as a word or a word's start; case and accents are ignored and \
                a French plural ending is dropped ('reunions' finds 'réunion'). Each result has a \
                'snippet' with the matching words marked [like this].
                """)

        @Argument(help: "The words to look for.") var query: String
        @Option(help: "Only in this channel.") var channel: String?
        @Option(help: "Only this author's.") var author: String?
        @Option(help: "Posted at or after this time.") var since: String?
        @Option(help: "At most N results.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let since = try CollabMsg.time(ctx, since, "since")
            try ctx.read { sql in
                if let channel { _ = try Messaging.readableChannel(sql, actor, channel) }
                try Messaging.search(sql, actor, query: query, channel: channel, author: author, since: since, limit: limit) { m, snippet in
                    var o = m.record
                    o["snippet"] = .string(snippet)
                    try ctx.emit(o)
                }
            }
        }
    }

    struct Tail: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "tail", abstract: "Print the newest messages; with -f, keep printing new ones as they are posted.",
            discussion: """
                Without a channel, follows every channel you may read. Prints the last --lines \
                messages (default 10), or every message after --since-id. With -f, looks for new \
                messages every --interval (200ms; on a PostgreSQL store, new messages wake it at once \
                and --interval only bounds the wait) until interrupted: SIGINT, SIGTERM or a closed \
                pipe end it with status 0. Only new messages are printed, not later edits.
                """)

        @Argument(help: "Channels (default: all you may read).") var channels: [String] = []
        @Flag(name: [.short, .long], help: "Keep waiting for new messages.") var follow = false
        @Option(name: .customLong("since-id"), help: "Print the messages after this one (msg-N).") var sinceId: String?
        @Option(name: [.customShort("n"), .customLong("lines")], help: "Without --since-id, how many of the newest to print first.") var lines: Int = 10
        @Option(help: ArgumentHelp("With -f, how often to look for new messages.", valueName: "duration")) var interval: String = "200ms"
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if lines < 0 { throw ValidationError("invalid --lines '\(lines)': expected 0 or more") }
            if GlobalOptions.seconds(interval) == nil { throw ValidationError("invalid --interval '\(interval)'") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            var f = MessageFilter(channels: channels.isEmpty ? nil : channels)
            if follow { try ctx.store().listenForChanges() }
            try ctx.read { sql in
                for c in channels { _ = try Messaging.readableChannel(sql, actor, c) }
                if let sinceId { f.after = try Message.ids.number(sinceId) } else { f.limit = lines }
                try Messaging.eachMessage(sql, actor, f) { m in try ctx.emit(m.record); f.after = m.num; return true }
                if f.after == nil { f.after = try sql.int("SELECT coalesce(max(num), 0) FROM messages") }
            }
            f.limit = nil
            guard follow else { return }
            try ctx.follow(every: GlobalOptions.seconds(interval)!) {
                try ctx.read { sql in try Messaging.eachMessage(sql, actor, f) { m in try ctx.emit(m.record); f.after = m.num; return true } }
            }
        }
    }
}
