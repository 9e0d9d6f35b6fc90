import ArgumentParser
import CollabCore

/// `collab-cal`: Shared calendars, events, rooms and free slots.
package struct CollabCal: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-cal",
        abstract: "Shared calendars, events, rooms and free slots.",
        discussion: """
            Records are printed as NDJSON when standard output is not a terminal (see collab(7)).
            Recurring events follow RFC 5545 and repeat in their own time zone.
            Exit codes: 0 done, 1 not found, 64 usage, 65 bad input, 73 conflict (room booked),
            77 permission denied. See collab-cal(1).
            """,
        version: CommandRunner.version,
        subcommands: [
            CalendarCommand.self, RoomCommand.self, Add.self, Show.self, Update.self, Cancel.self, Delete.self, Agenda.self,
            Invite.self, Rsvp.self, Inbox.self, Free.self, Busy.self, HoursCommand.self, Export.self, Import.self, Remind.self, Subscribe.self, Sync.self,
        ]
    )

    package init() {}
}

extension EventStatus: ExpressibleByArgument {}

extension Context {
    /// The zone new events repeat in: `--tz`, `TZ` or the system's, when it has an IANA name.
    func eventZoneName() throws -> String {
        let z = try zone()
        return (try? Zone.named(z.identifier)) != nil ? z.identifier : "UTC"
    }

    /// A date the user typed (SPEC §4 forms; any time dropped), for all-day events.
    func date(_ text: String, field: String) throws -> CivilDate {
        do { return try TimeInput.parseDate(text, now: now, zone: try zone()) } catch let e as CollabError { throw e } catch {
            throw CollabError(.badInput, "invalid \(field) '\(text)': \(error)", field: field)
        }
    }

    /// A duration the user typed (`1h30m`, `PT1H`), exit 65 when invalid.
    func duration(_ text: String, field: String) throws -> ISODuration {
        do {
            let d = try ISODuration.parse(text)
            guard !d.isZero else { throw CollabError.invalid(field, text, "a duration must be positive") }
            return d
        } catch let e as CollabError { throw e } catch {
            throw CollabError.invalid(field, text, "expected a duration like 1h, 90m or PT1H30M")
        }
    }

    /// `--visio`: a URL as given, or `auto`, a fresh address under `COLLAB_VISIO_URL`.
    func visio(_ text: String) throws -> String {
        if text == "auto" {
            guard let base = environment["COLLAB_VISIO_URL"], !base.isEmpty else {
                throw CollabError(.config, "--visio auto needs COLLAB_VISIO_URL, the base address of the meeting service")
            }
            let room = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            return (base.hasSuffix("/") ? base : base + "/") + room
        }
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
            throw CollabError.invalid("visio", text, "expected an http(s) address or 'auto'")
        }
        return text
    }
}

/// Values given as repeated options or comma lists (`--attendee a,b --attendee c`).
func commaList(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
}
