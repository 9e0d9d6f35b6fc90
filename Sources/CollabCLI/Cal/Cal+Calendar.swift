import ArgumentParser
import CollabCore

extension CollabCal {
    /// `collab-cal calendar …`
    struct CalendarCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar",
            abstract: "Add, list, show and share calendars.",
            subcommands: [Add.self, List.self, Show.self, Share.self])
    }
}

extension CollabCal.CalendarCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a calendar, owned by the acting user (guests may not).",
            discussion: "Adding a calendar that exists with the same attributes changes nothing; with others it is a conflict (exit 73) unless --update.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The calendar's id, a slug like 'urbanisme'.") var id: String
        @Option(help: "Its title (default: the id).") var title: String?
        @Option(help: "public (every member may read it) or private (default).") var visibility: Visibility?
        @Option(help: "The service it belongs to: the group gets write access.") var group: String?
        @Option(name: .customLong("share"), help: "An access entry: USER[:LEVEL] or group:GROUP[:LEVEL] (repeatable).") var shares: [String] = []
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Change an existing calendar to these attributes instead of refusing.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let entries = try shares.map(AccessEntry.parse)
            let c = try ctx.write(write) { tx, actor in
                try Cal.addCalendar(tx, actor, id: id, title: title, visibility: visibility, group: group, share: entries, key: key, update: update).0
            }
            try ctx.emit(c.record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the calendars you may read, in id order.")
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in try Cal.eachCalendar(sql, actor) { try ctx.emit($0.record) } }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show calendars with their access lists.")
        @Argument(help: "Calendar ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(ids)) { id in try ctx.read { try Cal.requireCalendar($0, actor, id).record } }
        }
    }

    struct Share: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "share",
            abstract: "Give or remove access to a calendar (manage access needed).",
            discussion: "Each entry is USER[:LEVEL] or group:GROUP[:LEVEL], LEVEL being read (default), write or manage.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The calendar.") var calendar: String
        @Argument(help: "Entries to grant.") var entries: [String] = []
        @Option(name: .customLong("revoke"), help: "A user or group:GROUP to remove from the list (repeatable).") var revoked: [String] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if entries.isEmpty && revoked.isEmpty { throw ValidationError("give entries to grant or --revoke") }
        }

        func run(_ ctx: Context) throws {
            let grants = try entries.map(AccessEntry.parse)
            let revokes = try revoked.map { try AccessEntry.parse($0).principal }
            let c = try ctx.write(write) { tx, actor in try Cal.share(tx, actor, calendar, grant: grants, revoke: revokes) }
            try ctx.emit(c.record)
        }
    }
}
