import ArgumentParser
import CollabCore

extension CollabCal {
    struct Agenda: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "agenda",
            abstract: "Print the occurrences of events in a window, in start order.",
            discussion: """
                Recurring events are expanded (overrides applied, cancelled occurrences left out) and
                merged as they are read, so the first line comes out at once. Without filters, every
                event you may see. --user keeps events a user organises or attends (declined
                invitations left out). Default window: from the start of today for 30 days.
                """)

        @Option(help: "Start of the window (default: today).") var from: String?
        @Option(help: "End of the window (default: 30 days after --from).") var to: String?
        @Option(name: .customLong("calendar"), help: "Only this calendar (repeatable, or a comma list).") var calendars: [String] = []
        @Option(name: .customLong("user"), help: "Only events of this user (repeatable, or a comma list).") var users: [String] = []
        @Option(name: .customLong("room"), help: "Only occurrences in this room (repeatable, or a comma list).") var rooms: [String] = []
        @Option(help: "At most this many occurrences.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let start = try ctx.time(from ?? "today", field: "from")
            let end = try to.map { try ctx.time($0, field: "to") } ?? ISODuration(days: 30).added(to: start, in: try ctx.zone())
            guard end > start else { throw CollabError.invalid("to", to ?? "", "the end of the window must come after its start") }
            var f = AgendaFilter(from: start, to: end)
            f.calendars = commaList(calendars)
            f.users = commaList(users)
            f.rooms = commaList(rooms)
            var left = limit ?? Int.max
            guard left > 0 else { return }
            try ctx.read { sql in
                try Cal.agenda(sql, actor, f) { o in
                    try ctx.emit(o.record)
                    left -= 1
                    return left > 0
                }
            }
        }
    }
}
