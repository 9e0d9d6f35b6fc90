import ArgumentParser
import CollabCore

extension CollabMsg {
    /// `collab-msg channel …`
    struct ChannelCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "channel",
            abstract: "Add, list, show, update and archive channels; join, leave, invite and remove members.",
            subcommands: [Add.self, List.self, Show.self, Update.self, Archive.self, Join.self, Leave.self, Invite.self, Remove.self])
    }
}


extension CollabMsg.ChannelCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a channel; you own it and are its first member (not guests).",
            discussion: """
                Adding a channel that exists with the same attributes changes nothing; with other \
                attributes it is a conflict (exit 73) unless --update. Members given with --member \
                are invited (see 'invite').
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel's id, a slug like 'plu-2027'.") var id: String
        @Option(help: "The title (default: the id).") var title: String?
        @Option(help: "What the channel is about.") var topic: String?
        @Flag(help: "Make it private: only its members see it.") var `private` = false
        @Option(name: .customLong("member"), help: "A user to invite (repeatable).") var members: [String] = []
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Change an existing channel's attributes instead of refusing.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let spec = ChannelSpec(id: id, title: title, topic: topic, visibility: `private` ? .private : .public, members: members)
            let c = try ctx.write(write) { tx, actor in try Messaging.addChannel(tx, actor, spec, key: key, update: update).0 }
            try ctx.emit(c.record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the channels you may read, in id order.",
            discussion: "Direct conversations are listed to their members only; archived channels only with --archived.")

        @Flag(help: "Only the channels you are a member of.") var joined = false
        @Flag(help: "Include archived channels.") var archived = false
        @Option(help: "At most this many.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Messaging.eachChannel(sql, actor, joined: joined, archived: archived, limit: limit) { try ctx.emit($0.record); return true }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show channels with their members.")

        @Argument(help: "Channel ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(ids)) { id in try ctx.read { try Messaging.readableChannel($0, actor, id).record } }
        }
    }

    struct Update: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Change a channel's title, topic or visibility (its managers).",
            discussion: "An empty --topic clears it. A channel cannot become direct, nor a direct conversation anything else.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel.") var id: String
        @Option(help: "The new title.") var title: String?
        @Option(help: "The new topic ('' clears it).") var topic: String?
        @Option(help: "public or private.") var visibility: Visibility?
        @Option(name: .customLong("if-rev"), help: "Fail (exit 73) unless the channel is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let changes = Messaging.ChannelChanges(title: title, topic: topic, visibility: visibility, ifRev: ifRev)
            let c = try ctx.write(write) { tx, actor in try Messaging.updateChannel(tx, actor, id, changes) }
            try ctx.emit(c.record)
        }
    }

    struct Archive: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive", abstract: "Archive channels: they stay readable, nobody may post (its managers).",
            discussion: "With --restore, makes them writable again.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Channel ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @Flag(help: "Unarchive instead.") var restore = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(ids)
            let changes = Messaging.ChannelChanges(archived: !restore)
            let out = try ctx.write(write) { tx, actor in try ids.map { try Messaging.updateChannel(tx, actor, $0, changes) } }
            for c in out { try ctx.emit(c.record) }
        }
    }

    struct Join: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "join", abstract: "Join channels you may read (public ones, or those you were given access to).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Channel ids.") var ids: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(ids)
            let out = try ctx.write(write) { tx, actor in try ids.map { try Messaging.join(tx, actor, $0).0 } }
            for c in out { try ctx.emit(c.record) }
        }
    }

    struct Leave: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "leave", abstract: "Leave channels.",
            discussion: "Leaving a private channel or a direct conversation also drops your access: you need a new invitation to come back.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Channel ids.") var ids: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(ids)
            let out = try ctx.write(write) { tx, actor in try ids.map { try Messaging.leave(tx, actor, $0).0 } }
            for c in out { try ctx.emit(c.record) }
        }
    }

    struct Invite: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite", abstract: "Invite users into a channel (any member who may post).",
            discussion: "Each user becomes a member and gets write access, so a guest invited into a public channel sees it.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel.") var channel: String
        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var users: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let users = try ctx.ids(users)
            let c = try ctx.write(write) { tx, actor in try Messaging.invite(tx, actor, channel, users).0 }
            try ctx.emit(c.record)
        }
    }

    struct Remove: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove users from a channel and its access list (its managers).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel.") var channel: String
        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var users: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let users = try ctx.ids(users)
            let c = try ctx.write(write) { tx, actor in try Messaging.remove(tx, actor, channel, users).0 }
            try ctx.emit(c.record)
        }
    }
}

extension CollabMsg {
    struct Dm: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "dm",
            abstract: "Open (or find) the direct conversation with users; several users make a group conversation.",
            discussion: "Prints the direct channel; post in it with 'collab-msg post ID TEXT'. Guests may not open one.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The other users.") var users: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let users = try ctx.ids(users)
            let c = try ctx.write(write) { tx, actor in try Messaging.dm(tx, actor, users).0 }
            try ctx.emit(c.record)
        }
    }
}
