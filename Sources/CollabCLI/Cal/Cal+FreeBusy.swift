import ArgumentParser
import CollabCore

extension CollabCal {
    struct Free: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "free",
            abstract: "Find the free slots common to users and rooms, inside working hours.",
            discussion: """
                Prints one 'slot' record per free stretch at least --duration long (start, end,
                duration, with). A slot fits the working hours of every user searched, in the zone
                in force (--tz, TZ): each user's own ('collab-cal hours set'), else Monday-Friday
                09:00-12:00 and 14:00-17:30; --hours replaces them all, e.g. 'mon-thu 08:30-12:00,13:30-18:00'.
                Busy times are the occurrences of events a user organises or attends (declined
                invitations ignored) and the bookings of a room, private events included.
                """)

        @Option(name: .customLong("with"), help: "Users and rooms (room:ID), repeatable or a comma list.") var with: [String]
        @Option(help: "The length needed (1h, 30m, PT1H30M).") var duration: String
        @Option(help: "Start of the search (default: now).") var from: String?
        @Option(help: "End of the search (default: 7 days after --from).") var to: String?
        @Option(help: "Working hours for this search, e.g. 'mon-fri 09:00-12:00,14:00-17:30' (default: each user's).") var hours: String?
        @Option(help: "At most this many slots.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let who = try commaList(with).map(Participant.parse)
            guard !who.isEmpty else { throw CollabError.missing("with") }
            let length = try ctx.duration(duration, field: "duration")
            let zone = try ctx.zone()
            let start = try ctx.time(from ?? "now", field: "from")
            let end = try to.map { try ctx.time($0, field: "to") } ?? ISODuration(days: 7).added(to: start, in: zone)
            guard end > start else { throw CollabError.invalid("to", to ?? "", "the end of the search must come after its start") }
            let given = try hours.map(WorkingHours.parse)
            var left = limit ?? Int.max
            guard left > 0 else { return }
            let names = who.map(\.text)
            struct Enough: Error {}
            do {
                try ctx.read { sql in
                    let working = try given ?? WorkingHoursStore.common(sql, who)
                    try Cal.free(sql, actor, who, length: length.totalSeconds, from: start, to: end, hours: working, zone: zone) { s, e in
                        var o = JSONObject()
                        o["type"] = .string("slot")
                        o["id"] = .string(RFC3339.format(s))
                        o["start"] = .string(RFC3339.format(s))
                        o["end"] = .string(RFC3339.format(e))
                        o["duration"] = .string(ISODuration(seconds: e.seconds - s.seconds).iso)
                        o.set("with", names)
                        try ctx.emit(o)
                        left -= 1
                        if left == 0 { throw Enough() }
                    }
                }
            } catch is Enough {}
        }
    }

    struct Busy: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "busy",
            abstract: "Print the busy periods of users and rooms (times only), merged, in order.",
            discussion: "Prints one 'busy' record per period: who, start, end. Declined invitations are not busy.")

        @Option(name: .customLong("user"), help: "A user, or room:ID (repeatable, or a comma list).") var users: [String]
        @Option(help: "Start of the window (default: today).") var from: String?
        @Option(help: "End of the window (default: 7 days after --from).") var to: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let who = try commaList(users).map(Participant.parse)
            guard !who.isEmpty else { throw CollabError.missing("user") }
            let start = try ctx.time(from ?? "today", field: "from")
            let end = try to.map { try ctx.time($0, field: "to") } ?? ISODuration(days: 7).added(to: start, in: try ctx.zone())
            guard end > start else { throw CollabError.invalid("to", to ?? "", "the end of the window must come after its start") }
            let names = who.map(\.text)
            try ctx.read { sql in
                try Cal.busy(sql, actor, who, from: start, to: end) { s, e in
                    var o = JSONObject()
                    o["type"] = .string("busy")
                    o["id"] = .string(RFC3339.format(s))
                    o.set("who", names)
                    o["start"] = .string(RFC3339.format(s))
                    o["end"] = .string(RFC3339.format(e))
                    try ctx.emit(o)
                }
            }
        }
    }
}
