#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension CollabCal {
    struct Import: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import the events of an iCalendar file or address, idempotent by UID.",
            discussion: """
                Reads a .ics file, '-' (standard input) or an http(s) address (exit 69 when it cannot
                be fetched). A UID already in the store updates that event when it changed and is
                left alone otherwise; new events go to --calendar (default: your personal one).
                RRULE, EXDATE, RDATE and RECURRENCE-ID overrides are kept; attendees are matched to
                users by email (others are dropped); VALARMs and unknown X- properties are ignored.
                Floating times and dates are read in the zone in force (--tz, TZ). A file with a bad
                event writes nothing: one error per bad VEVENT, with its line, and exit 65.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "A .ics file, '-' for standard input, or an http(s) address.") var source: String
        @Option(help: "The calendar new events go to.") var calendar: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let bytes = try Self.read(source, ctx)
            let zone = try ctx.eventZoneName()
            let reporter = ctx.reporter
            let imported = try ctx.write(write) { tx, actor in
                try Cal.importICS(tx, actor, bytes, calendar: calendar, zone: zone, report: { reporter.report($0) })
            }
            for i in imported { try ctx.emit(i.event.record) }
        }

        /// The bytes of a file, of standard input, or of an address.
        static func read(_ source: String, _ ctx: Context) throws -> [UInt8] {
            if source.hasPrefix("https://") || source.hasPrefix("http://") { return try HTTPClient.get(source, timeout: 30) }
            if source == "-" { return Array(try ctx.text("-", field: "source").utf8) }
            let fd = open(source, O_RDONLY)
            guard fd >= 0 else { throw CollabError(.io, "cannot read '\(source)': \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 65536) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CollabError(.io, "cannot read '\(source)': \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
            return bytes
        }
    }
}
