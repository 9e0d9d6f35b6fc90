#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension CollabCal {
    struct Export: CollabCommand {
        static var domainFormats: [String] { ["ics"] }
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write events as an iCalendar (.ics) file.",
            discussion: """
                Exports the events named, else those of the calendars given, else those the user
                (--user, default you) organises or attends. The file (RFC 5545: CRLF, folded lines,
                a VTIMEZONE per zone, overrides as RECURRENCE-ID components) goes to standard output,
                or to --output.
                """)

        @Argument(help: "Events to export.") var ids: [String] = []
        @Option(name: .customLong("calendar"), help: "A calendar to export (repeatable, or a comma list).") var calendars: [String] = []
        @Option(help: "Export the agenda of this user.") var user: String?
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let list = try ids.isEmpty ? [] : ctx.ids(ids)
            let cals = commaList(calendars)
            let text = try ctx.read { sql -> String in
                let events = try Cal.eventsToExport(sql, actor, ids: list, calendars: cals, user: user)
                let name = cals.count == 1 ? try Cal.calendar(sql, cals[0])?.title : nil
                return try Cal.ics(sql, events, calendarName: name)
            }
            try Self.writeAll(Array(text.utf8), to: output)
        }

        /// Writes bytes to a file, or to standard output.
        static func writeAll(_ bytes: [UInt8], to path: String?) throws {
            let fd = path.map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) } ?? 1
            guard fd >= 0 else { throw CollabError(.io, "cannot write '\(path ?? "")': \(String(cString: strerror(errno)))") }
            defer { if path != nil { close(fd) } }
            var done = 0
            while done < bytes.count {
                let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CollabError(.io, "cannot write '\(path ?? "standard output")': \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }
}
