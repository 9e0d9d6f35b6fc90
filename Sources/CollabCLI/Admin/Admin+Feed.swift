#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin feed`: the change feed for scripts and cron jobs.
    struct Feed: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "feed",
            abstract: "Stream change records after a seq (admin only).",
            discussion: """
                A cron job keeps the last seq it saw and passes it to --since next time. With \
                --follow, waits for new changes and prints them as they are committed (every \
                --interval; on a PostgreSQL store as soon as they are committed), until \
                interrupted (SIGINT or a closed pipe end it with status 0).
                """)

        @OptionGroup var filter: ChangeFilterOptions
        @Flag(name: [.short, .long], help: "Keep waiting for new changes.") var follow = false
        @Option(help: ArgumentHelp("With --follow, how often to look for changes.", valueName: "duration")) var interval: String = "200ms"
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if GlobalOptions.seconds(interval) == nil { throw ValidationError("invalid --interval '\(interval)'") }
        }

        func run(_ ctx: Context) throws {
            try Access.requireAdmin(try ctx.actor(), "read the change feed")
            var f = filter.filter
            if follow { try ctx.store().listenForChanges() }
            try ctx.read { sql in try AuditLog.each(sql, f) { c in try ctx.emit(c.output()); f.afterSeq = c.seq; return true } }
            guard follow else { return }
            try ctx.follow(every: GlobalOptions.seconds(interval)!) {
                try ctx.read { sql in try AuditLog.each(sql, f) { c in try ctx.emit(c.output()); f.afterSeq = c.seq; return true } }
            }
        }
    }
}
