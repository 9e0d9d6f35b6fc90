import ArgumentParser
import CollabCore

extension CollabCal {
    /// `collab-cal hours …`
    struct HoursCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hours",
            abstract: "Show, set or clear a user's working hours (what 'free' searches within).",
            subcommands: [Show.self, Set.self, Clear.self])
    }
}

extension CollabCal.HoursCommand {
    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show users' working hours (default: yours).",
            discussion: "Prints an 'hours' record per user; 'default' is true when the user has set none.")
        @Argument(help: "Users ('-' reads them from standard input; default: you).") var users: [String] = []
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let ids = users.isEmpty ? [actor.id] : try ctx.ids(users)
            try ctx.showEach(ids) { id in try ctx.read { try WorkingHoursStore.record($0, user: id) } }
        }
    }

    struct Set: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set working hours: yours, or with --user someone's (admins).",
            discussion: "HOURS is [DAYS] RANGES: 'mon-thu 08:30-12:00,13:30-18:00', 'mon,wed,fri 09:00-13:00'; days default to mon-fri.")
        static var storeAccess: StoreAccess { .write }
        @Argument(help: "The working hours.") var hours: String
        @Option(help: "Whose hours (default: yours).") var user: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let parsed = try WorkingHours.parse(hours)
            let r = try ctx.write(write) { tx, actor in
                try WorkingHoursStore.set(tx, actor, user: user ?? actor.id, hours: parsed)
            }
            try ctx.emit(r)
        }
    }

    struct Clear: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear",
            abstract: "Go back to the default working hours: yours, or with --user someone's (admins).")
        static var storeAccess: StoreAccess { .write }
        @Option(help: "Whose hours (default: yours).") var user: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let r = try ctx.write(write) { tx, actor in try WorkingHoursStore.set(tx, actor, user: user ?? actor.id, hours: nil) }
            try ctx.emit(r)
        }
    }
}
