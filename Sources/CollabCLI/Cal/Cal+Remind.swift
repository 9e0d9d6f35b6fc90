import ArgumentParser
import CollabCore

extension CollabCal {
    struct Remind: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Print the occurrences starting soon, each once: made for cron.",
            discussion: """
                Prints the occurrences that start within --within from now and that were not printed
                by an earlier run of the same acting user; two runs never remind twice. Filters are
                those of 'agenda'. Pipe into collab-msg post, e.g. with --template.
                """)
        static var storeAccess: StoreAccess { .write }

        @Option(help: "How far ahead to look (15m, 1h).") var within: String
        @Option(name: .customLong("calendar"), help: "Only this calendar (repeatable, or a comma list).") var calendars: [String] = []
        @Option(name: .customLong("user"), help: "Only events of this user (repeatable, or a comma list).") var users: [String] = []
        @Option(name: .customLong("room"), help: "Only occurrences in this room (repeatable, or a comma list).") var rooms: [String] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let window = try ctx.duration(within, field: "within")
            var f = AgendaFilter(from: ctx.now, to: nil)
            f.calendars = commaList(calendars)
            f.users = commaList(users)
            f.rooms = commaList(rooms)
            let due = try ctx.write(write) { tx, actor in try Cal.remind(tx, actor, within: window.totalSeconds, filter: f) }
            for o in due { try ctx.emit(o.record) }
        }
    }
}
