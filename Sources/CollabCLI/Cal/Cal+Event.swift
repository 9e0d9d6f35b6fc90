import ArgumentParser
import CollabCore

extension AttendeeStatus: ExpressibleByArgument {}

extension CollabCal {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an event (to your personal calendar unless --calendar).",
            discussion: """
                Times take every form of collab(7) in the zone in force (--tz, TZ); the event repeats in
                that zone. For an all-day event, --start and --end are dates and --end is exclusive (the
                day after the last one), as in iCalendar; without --end or --duration it lasts one day.
                Booking a room already taken is refused (exit 73) unless --force by a room manager.

                With --first-free, --start is where the search begins and --before where it ends (default: \
                7 days later): the event is booked at the earliest slot of --duration when you, every \
                attendee and the room are free inside working hours (as 'collab-cal free' finds them; \
                --hours replaces them). --room may then list several rooms (a comma list): the first one \
                free at the earliest time is booked. With --key, a repeated add returns the event first \
                booked without searching again. No slot in the window exits 73.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The title.") var title: String
        @Option(help: "When it starts.") var start: String
        @Option(help: "When it ends.") var end: String?
        @Option(help: "How long it lasts (1h, 90m, PT1H30M, 2d).") var duration: String?
        @Flag(help: "A whole-day event.") var allDay = false
        @Option(help: "The calendar (default: your personal one, named after you).") var calendar: String?
        @Option(help: "Free text; '-' reads it from standard input.") var description: String?
        @Option(help: "Where.") var location: String?
        @Option(help: "A room to book.") var room: String?
        @Option(name: .customLong("attendee"), help: "A user to invite (repeatable, or a comma list).") var attendees: [String] = []
        @Option(help: "An RFC 5545 recurrence rule, e.g. 'FREQ=WEEKLY;BYDAY=MO'.") var rrule: String?
        @Option(name: .customLong("rdate"), help: "An extra start of the series (repeatable).") var rdates: [String] = []
        @Option(help: "A meeting address, or 'auto' for a new one under COLLAB_VISIO_URL.") var visio: String?
        @Option(help: "confirmed (default) or tentative.") var status: EventStatus?
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Book the room even if it is taken (room managers only).") var force = false
        @Flag(name: .customLong("first-free"), help: "Book the earliest free slot from --start to --before (see below).") var firstFree = false
        @Option(help: "With --first-free, the end of the search (default: 7 days after --start).") var before: String?
        @Option(help: "With --first-free, working hours for the search, e.g. 'mon-fri 09:00-12:00'.") var hours: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if end != nil && duration != nil { throw ValidationError("give --end or --duration, not both") }
            if !allDay && end == nil && duration == nil { throw ValidationError("give --end or --duration") }
            if firstFree {
                if duration == nil { throw ValidationError("--first-free needs --duration") }
                if allDay || rrule != nil || !rdates.isEmpty || force {
                    throw ValidationError("--first-free books one timed event: not with --all-day, --rrule, --rdate or --force")
                }
            } else {
                if before != nil || hours != nil { throw ValidationError("--before and --hours go with --first-free") }
                if let room, room.contains(",") { throw ValidationError("several rooms go with --first-free") }
            }
        }

        func run(_ ctx: Context) throws {
            let tz = try ctx.eventZoneName()
            let zone = try Zone.named(tz)
            let s: Instant
            var e: Instant
            if allDay {
                let day = try ctx.date(start, field: "start")
                s = zone.startOfDay(day)
                if let end {
                    e = zone.startOfDay(try ctx.date(end, field: "end"))
                } else {
                    e = zone.startOfDay(day.adding(days: 1))
                }
            } else {
                s = try ctx.time(start, field: "start")
                e = end.map { _ in s } ?? s
                if let end { e = try ctx.time(end, field: "end") }
            }
            if let duration {
                let d = try ctx.duration(duration, field: "duration")
                e = d.added(to: s, in: zone)
            }
            var d = EventDraft(title: title, start: s, end: e, tz: tz)
            d.allDay = allDay
            d.calendar = calendar
            d.description = try description.map { try ctx.text($0, field: "description") }
            d.location = location
            d.room = room
            d.attendees = commaList(attendees)
            d.rrule = try rrule.map(RRule.parse)
            d.rdates = try rdates.map { text in
                allDay ? zone.startOfDay(try ctx.date(text, field: "rdate")) : try ctx.time(text, field: "rdate")
            }
            d.visio = try visio.map(ctx.visio)
            d.status = status ?? .confirmed
            if d.status == .cancelled { throw CollabError.invalid("status", "cancelled", "a new event is confirmed or tentative") }
            if firstFree {
                let to = try before.map { try ctx.time($0, field: "before") } ?? ISODuration(days: 7).added(to: s, in: zone)
                let search = Cal.SlotSearch(
                    from: s, to: to, length: e.seconds - s.seconds, rooms: room.map { commaList([$0]) } ?? [],
                    hours: try hours.map(WorkingHours.parse), zone: try ctx.zone())
                d.room = nil
                let event = try ctx.write(write) { tx, actor in try Cal.addEvent(tx, actor, d, firstFree: search, key: key).0 }
                try ctx.emit(event.record)
                return
            }
            let event = try ctx.write(write) { tx, actor in try Cal.addEvent(tx, actor, d, key: key, force: force).0 }
            try ctx.emit(event.record)
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show events with their attendees and overrides.",
            discussion: "With --format ics, prints them as one iCalendar file instead (as export does).")
        static var domainFormats: [String] { ["ics"] }
        @Argument(help: "Event ids (evt-N or N); '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let ids = try ctx.ids(ids)
            if ctx.domainFormat == "ics" {
                let text = try ctx.read { sql in try Cal.ics(sql, try ids.map { try Cal.visibleEvent(sql, actor, $0) }, calendarName: nil) }
                try Export.writeAll(Array(text.utf8), to: nil)
                return
            }
            try ctx.showEach(ids) { id in try ctx.read { try Cal.visibleEvent($0, actor, id).record } }
        }
    }

    struct Update: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change an event, or one occurrence of a series (--occurrence).",
            discussion: """
                An empty value clears an optional field (--location ''); --rrule '' stops the repetition.
                With --occurrence START, the occurrence of the series at START (its original start) is
                changed on its own and becomes an override (RECURRENCE-ID); only --start, --end,
                --duration, --title, --description, --location, --room and --status apply to it.
                Moving the start of a whole series drops its overrides.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The event.") var event: String
        @Option(help: "The original start of the one occurrence to change.") var occurrence: String?
        @Option(help: "A new title.") var title: String?
        @Option(help: "New free text; '-' reads it from standard input.") var description: String?
        @Option(help: "A new start (the length is kept unless --end or --duration).") var start: String?
        @Option(help: "A new end.") var end: String?
        @Option(help: "A new length.") var duration: String?
        @Option(help: "A new place.") var location: String?
        @Option(help: "Another room ('' for none).") var room: String?
        @Option(help: "A new recurrence rule ('' for none).") var rrule: String?
        @Option(help: "A meeting address, 'auto', or '' for none.") var visio: String?
        @Option(help: "confirmed, tentative or cancelled.") var status: EventStatus?
        @Option(name: .customLong("add-attendee"), help: "Invite a user (repeatable, or a comma list).") var addAttendees: [String] = []
        @Option(name: .customLong("remove-attendee"), help: "Uninvite a user (repeatable, or a comma list).") var removeAttendees: [String] = []
        @Option(help: "Refuse (exit 73) unless the event is at this rev.") var ifRev: Int64?
        @Flag(help: "Book the room even if it is taken (room managers only).") var force = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if end != nil && duration != nil { throw ValidationError("give --end or --duration, not both") }
        }

        func run(_ ctx: Context) throws {
            let zone = try ctx.zone()
            var p = EventPatch()
            p.title = title
            p.description = try description.map { try ctx.text($0, field: "description") }
            p.location = location
            p.room = room
            p.status = status
            p.duration = try duration.map { try ctx.duration($0, field: "duration") }
            if let rrule { p.rrule = .some(rrule.isEmpty ? nil : try RRule.parse(rrule)) }
            if let visio { p.visio = visio.isEmpty ? "" : try ctx.visio(visio) }
            p.addAttendees = commaList(addAttendees)
            p.removeAttendees = commaList(removeAttendees)
            let now = ctx.now
            let (startText, endText, occurrenceText) = (start, end, occurrence)
            let e = try ctx.write(write) { tx, actor in
                // All-day events read dates, so the event is needed to read the times.
                let current = try Cal.visibleEvent(tx.sql, actor, event)
                func read(_ text: String, _ field: String) throws -> Instant {
                    current.allDay ? current.zone.startOfDay(try ctx.date(text, field: field)) : try ctx.time(text, field: field)
                }
                p.start = try startText.map { try read($0, "start") }
                p.end = try endText.map { try read($0, "end") }
                if let occurrenceText {
                    return try Cal.updateOccurrence(
                        tx, actor, event, occurrence: { try Cal.occurrenceStart($0, occurrenceText, now: now, zone: zone) }, p, ifRev: ifRev,
                        force: force)
                }
                return try Cal.updateEvent(tx, actor, event, p, ifRev: ifRev, force: force)
            }
            try ctx.emit(e.record)
        }
    }

    struct Cancel: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel an event (status cancelled), or one occurrence (--occurrence: an EXDATE).",
            discussion: "A cancelled event stays in the store (and in exports, as STATUS:CANCELLED) but leaves agendas and frees its room.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The event.") var event: String
        @Option(help: "The original start of the one occurrence to cancel.") var occurrence: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let zone = try ctx.zone()
            let now = ctx.now
            let text = occurrence
            let e = try ctx.write(write) { tx, actor in
                try Cal.cancel(tx, actor, event, occurrence: text.map { t in { try Cal.occurrenceStart($0, t, now: now, zone: zone) } })
            }
            try ctx.emit(e.record)
        }
    }

    struct Delete: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete events for good, with their attendees and overrides.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Event ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let list = try ctx.ids(ids)
            let deleted = try ctx.write(write) { tx, actor in try list.map { try Cal.deleteEvent(tx, actor, $0) } }
            for e in deleted { try ctx.emit(e.record) }
        }
    }

    struct Invite: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite", abstract: "Invite users to an event (they see it in their inbox).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The event.") var event: String
        @Argument(help: "Users to invite.") var users: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let list = commaList(users)
            let e = try ctx.write(write) { tx, actor in try Cal.invite(tx, actor, event, users: list) }
            try ctx.emit(e.record)
        }
    }

    struct Rsvp: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "rsvp", abstract: "Answer an invitation: accept, decline or tentative.",
            discussion: "The answer is for the whole series, or with --occurrence START for that occurrence alone.")
        static var storeAccess: StoreAccess { .write }

        enum Answer: String, ExpressibleByArgument, CaseIterable {
            case accept, decline, tentative
            var status: AttendeeStatus {
                switch self {
                case .accept: .accepted
                case .decline: .declined
                case .tentative: .tentative
                }
            }
        }

        @Argument(help: "Event ids; '-' reads ids (or records) from standard input.") var event: String
        @Argument(help: "accept, decline or tentative.") var answer: Answer
        @Option(help: "The original start of the one occurrence to answer for.") var occurrence: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let list = try ctx.ids([event])
            let zone = try ctx.zone()
            let now = ctx.now
            let text = occurrence
            let events = try ctx.write(write) { tx, actor in
                try list.map { id in
                    try Cal.rsvp(tx, actor, id, answer.status, occurrence: text.map { t in { try Cal.occurrenceStart($0, t, now: now, zone: zone) } })
                }
            }
            for e in events { try ctx.emit(e.record) }
        }
    }

    struct Inbox: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "inbox", abstract: "List the invitations awaiting your answer, in start order.")
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in try Cal.inbox(sql, actor, now: ctx.now) { try ctx.emit($0.record) } }
        }
    }
}
