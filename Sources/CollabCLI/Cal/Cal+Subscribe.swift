import ArgumentParser
import CollabCore

extension CollabCal {
    struct Subscribe: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "subscribe",
            abstract: "Make a calendar mirror a remote iCalendar address, and sync it once.",
            discussion: """
                Needs manage access to the calendar. The address is fetched at once (exit 69 when it
                cannot be, and nothing is kept); afterwards 'sync' refreshes it. A subscribed calendar
                mirrors its address: on each sync, its events whose UID left the file are deleted.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The http(s) address of the .ics file.") var url: String
        @Option(help: "The calendar that mirrors it.") var calendar: String
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if !url.hasPrefix("https://") && !url.hasPrefix("http://") {
                throw ValidationError("invalid address '\(url)': expected http:// or https://")
            }
        }

        func run(_ ctx: Context) throws {
            let bytes = try HTTPClient.get(url, timeout: 30)
            let zone = try ctx.eventZoneName()
            let reporter = ctx.reporter
            let result = try ctx.write(write) { tx, actor in
                let s = try Cal.subscribe(tx, actor, calendar: calendar, url: url)
                return try Cal.sync(tx, actor, s, bytes, zone: zone, report: { reporter.report($0) })
            }
            try ctx.emit(result.record)
        }
    }

    struct Sync: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Refresh subscribed calendars from their addresses (for cron).",
            discussion: """
                Fetches every subscription you may read (or those of the calendars named), then mirrors
                them in one transaction; prints each subscription with the counts of events created,
                updated, deleted and unchanged. An address that cannot be fetched is reported and left
                as it was, the others are still synced, and the command exits 69.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Calendars to sync (default: all subscriptions).") var calendars: [String] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let subs = try ctx.read { try Cal.subscriptions($0, actor, calendars: calendars) }
            var fetched: [(Subscription, [UInt8])] = []
            var failed = 0
            // A missing libcurl is the machine's fault (78), not one per calendar (69).
            if !subs.isEmpty { try HTTPClient.initialize() }
            for s in subs {
                do { fetched.append((s, try HTTPClient.get(s.url, timeout: 30))) } catch let e as CollabError {
                    ctx.reporter.report(CollabError(e.kind, "calendar '\(s.calendar)': \(e.message)"))
                    failed += 1
                }
            }
            let zone = try ctx.eventZoneName()
            let reporter = ctx.reporter
            let results = try ctx.write(write) { tx, actor in
                try fetched.map { try Cal.sync(tx, actor, $0.0, $0.1, zone: zone, report: { reporter.report($0) }) }
            }
            for r in results { try ctx.emit(r.record) }
            if failed > 0 { throw CollabError(.unavailable, "\(failed) of \(subs.count) subscriptions could not be fetched") }
        }
    }
}
