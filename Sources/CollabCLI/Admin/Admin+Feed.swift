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
                --follow, waits for new changes and prints them as they are committed, until \
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
            try ctx.read { sql in try AuditLog.each(sql, f) { c in try ctx.emit(c.output()); f.afterSeq = c.seq; return true } }
            guard follow else { return }
            FollowSignal.install()
            let pause = useconds_t(min(GlobalOptions.seconds(interval)!, 60) * 1_000_000)
            while !FollowSignal.stopped {
                try ctx.output.flush()
                usleep(pause)
                try ctx.read { sql in try AuditLog.each(sql, f) { c in try ctx.emit(c.output()); f.afterSeq = c.seq; return true } }
            }
        }
    }
}

/// SIGINT and SIGTERM end a follow loop cleanly (status 0, output flushed).
package enum FollowSignal {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Whether a stop was asked for.
    package static var stopped: Bool { flag != 0 }

    /// Installs the handlers.
    package static func install() {
        signal(SIGINT) { _ in FollowSignal.flag = 1 }
        signal(SIGTERM) { _ in FollowSignal.flag = 1 }
        // A parent may have blocked them (and children inherit the mask): unblock.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
