import ArgumentParser
import CollabCore

extension CollabMsg {
    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a channel's messages, oldest first (tombstones included).",
            discussion: "--limit keeps the newest N, still printed oldest first.")

        @Argument(help: "The channel.") var channel: String
        @Option(help: "Posted at or after this time.") var since: String?
        @Option(help: "Posted before this time.") var until: String?
        @Option(help: "Only this author's.") var author: String?
        @Option(help: "Only this thread: its root and replies (msg-N).") var thread: String?
        @Option(help: "Only the newest N.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            var f = MessageFilter(
                channels: [channel], since: try CollabMsg.time(ctx, since, "since"), until: try CollabMsg.time(ctx, until, "until"),
                author: author, limit: limit)
            try ctx.read { sql in
                _ = try Messaging.readableChannel(sql, actor, channel)
                if let thread {
                    let root = try Messaging.requireMessage(sql, thread)
                    f.thread = root.thread ?? root.num
                }
                try Messaging.eachMessage(sql, actor, f) { try ctx.emit($0.record); return true }
            }
        }
    }

    struct Read: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "read", abstract: "Print what you have not read in a channel, and mark it read.",
            discussion: "Your own messages are not shown. --peek leaves your read cursor where it was; other users' cursors are never touched.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel.") var channel: String
        @Flag(help: "Do not move the read cursor.") var peek = false
        @Option(help: "At most N messages (the cursor stops after the last shown).") var limit: Int?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            if peek {
                let actor = try ctx.actor()
                try ctx.read { sql in _ = try Messaging.eachUnread(sql, actor, channel: channel, limit: limit) { try ctx.emit($0.record) } }
                return
            }
            try ctx.write(write) { tx, actor in
                let last = try Messaging.eachUnread(tx.sql, actor, channel: channel, limit: limit) { try ctx.emit($0.record) }
                try Messaging.moveCursor(tx, actor.id, channel: channel, to: last)
            }
        }
    }

    struct Unread: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "unread", abstract: "Count unread messages per channel you are a member of.",
            discussion: "Prints an 'unread' record for each channel with messages of others after your read cursor, with how many mention you.")

        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in try Messaging.eachUnreadCount(sql, actor) { try ctx.emit($0) } }
        }
    }

    struct Inbox: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "inbox", abstract: "Unread messages that mention you, and unread direct messages.",
            discussion: "Each message has 'reason': mention or direct. It does not move read cursors: 'read CHANNEL' does.")

        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Messaging.eachInbox(sql, actor) { m, reason in
                    var o = m.record
                    o["reason"] = .string(reason)
                    try ctx.emit(o)
                }
            }
        }
    }

    struct Thread: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "thread", abstract: "Print a thread: its root message, then the replies.")

        @Argument(help: "Any message of the thread (msg-N or N).") var message: String
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                let m = try Messaging.readableMessage(sql, actor, message)
                let f = MessageFilter(channels: [m.channel], thread: m.thread ?? m.num)
                try Messaging.eachMessage(sql, actor, f) { try ctx.emit($0.record); return true }
            }
        }
    }
}
