import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin stats`
    struct StatsCommand: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Print the indicators of collaboration as 'stat' records (admin only).",
            discussion: """
                One 'stat' record per figure, metric after metric: messages (per channel per
                ISO week), tasks (per project, then per service: lead time median and p90,
                due, overdue, overdue_ratio), circuit_step (per step number and kind: median
                and p90 duration), meeting_hours (per person), active_users. The window is
                [--from, --to), by default the 28 days before now. Use --format table to read.
                """)

        @Option(help: ArgumentHelp("Start of the window (inclusive; default: 28 days before --to).", valueName: "time"))
        var from: String?
        @Option(help: ArgumentHelp("End of the window (exclusive; default: now).", valueName: "time"))
        var to: String?
        @Option(help: ArgumentHelp("Count only this group's members in the figures about people (a service).", valueName: "group"))
        var group: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let end = try to.map { try ctx.time($0, field: "to") } ?? ctx.now
            let start = try from.map { try ctx.time($0, field: "from") } ?? end.adding(seconds: -28 * 86_400)
            guard start < end else {
                throw CollabError.invalid("from", from ?? RFC3339.format(start), "the window must start before it ends (--to)")
            }
            let group = try group.map { try Slug.validate($0, field: "group") }
            let window = Stats.Window(from: start, to: end, group: group, zone: try ctx.zone(), now: ctx.now)
            let actor = try ctx.actor()
            try ctx.read { sql in try Stats.all(sql, actor, window) { try ctx.emit($0) } }
        }
    }
}
