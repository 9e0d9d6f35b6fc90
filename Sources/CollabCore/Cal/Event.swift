/// The reply of an attendee.
package enum AttendeeStatus: String, Sendable, CaseIterable {
    case needsAction = "needs-action", accepted, declined, tentative
}

/// The state of an event (RFC 5545 STATUS).
package enum EventStatus: String, Sendable, CaseIterable {
    case confirmed, tentative, cancelled
}

/// A person invited to an event, and their reply.
package struct Attendee: Equatable, Sendable {
    package var user: String
    package var status: AttendeeStatus

    var json: JSONValue {
        .object(JSONObject([("user", .string(user)), ("status", .string(status.rawValue))]))
    }
}

/// One occurrence of a series changed on its own (RFC 5545 RECURRENCE-ID): moved, retitled,
/// given another room or place. Nil fields keep the series' value.
package struct EventOverride: Equatable, Sendable {
    /// The start the occurrence had in the series.
    package var recurrenceId: Instant
    package var start: Instant
    package var end: Instant
    package var title: String?
    package var description: String?
    package var location: String?
    package var room: String?
    package var status: EventStatus?
    /// Replies to this occurrence alone (`rsvp --occurrence`), by user.
    package var replies: [Attendee] = []
}

/// An event, possibly recurring (SPEC §3 `event`).
package struct Event: Equatable, Sendable {
    package var id: String
    package var uid: String
    package var calendar: String
    package var title: String
    package var description: String?
    package var start: Instant
    package var end: Instant
    package var allDay: Bool
    /// The IANA zone the series repeats in.
    package var tz: String
    package var location: String?
    package var room: String?
    package var organizer: String
    package var attendees: [Attendee] = []
    package var rrule: RRule?
    package var exdates: [Instant] = []
    package var rdates: [Instant] = []
    package var visio: String?
    package var status: EventStatus
    package var overrides: [EventOverride] = []
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The event's zone (UTC when its name is no longer known to this machine).
    package var zone: Zone { (try? Zone.named(tz)) ?? .utc }

    /// A time of this event as printed: a date for an all-day event, else RFC 3339 UTC.
    package func text(_ i: Instant) -> String {
        allDay ? zone.civil(i).date.iso : RFC3339.format(i)
    }

    /// The `event` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("event")
        o["id"] = .string(id)
        o["uid"] = .string(uid)
        o["calendar"] = .string(calendar)
        o["title"] = .string(title)
        o.set("description", description)
        o["start"] = .string(text(start))
        o["end"] = .string(text(end))
        o["all_day"] = .bool(allDay)
        o["tz"] = .string(tz)
        o.set("location", location)
        o.set("room", room)
        o["organizer"] = .string(organizer)
        o["attendees"] = .array(attendees.map(\.json))
        o.set("rrule", rrule?.text)
        if !exdates.isEmpty { o.set("exdates", exdates.map(text)) }
        if !rdates.isEmpty { o.set("rdates", rdates.map(text)) }
        o.set("visio", visio)
        o["status"] = .string(status.rawValue)
        if !overrides.isEmpty { o["overrides"] = .array(overrides.map(overrideJSON)) }
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    func overrideJSON(_ v: EventOverride) -> JSONValue {
        var o = JSONObject()
        o["recurrence_id"] = .string(text(v.recurrenceId))
        o["start"] = .string(text(v.start))
        o["end"] = .string(text(v.end))
        o.set("title", v.title)
        o.set("description", v.description)
        o.set("location", v.location)
        o.set("room", v.room)
        o.set("status", v.status?.rawValue)
        if !v.replies.isEmpty { o["replies"] = .array(v.replies.map(\.json)) }
        return .object(o)
    }

    /// How long each occurrence lasts, in exact seconds (timed events).
    package var duration: Int64 { end.seconds - start.seconds }

    /// The number of days of an all-day event.
    package var days: Int {
        let z = zone
        return Int(z.civil(end).date.daysSinceEpoch - z.civil(start).date.daysSinceEpoch)
    }

    /// The end of an occurrence starting at `s` (same length as the series; for an all-day
    /// event, the same number of days).
    package func end(of s: Instant) -> Instant {
        guard allDay else { return s.adding(seconds: duration) }
        let z = zone
        return z.startOfDay(z.civil(s).date.adding(days: days))
    }

    /// The series' starts (DTSTART, RRULE, RDATE less EXDATE). An all-day series repeats
    /// on dates, so its starts are the local midnights of its dates.
    package var recurrenceSet: RecurrenceSet {
        let z = zone
        if allDay {
            func floating(_ i: Instant) -> Instant { Instant(seconds: z.civil(i).secondsSinceEpoch) }
            return RecurrenceSet(
                start: z.civil(start), zone: nil, rule: rrule, rdates: rdates.map(floating), exdates: Set(exdates.map(floating)))
        }
        return RecurrenceSet(start: z.civil(start), zone: z, rule: rrule, rdates: rdates, exdates: Set(exdates))
    }

    /// Whether the event repeats.
    package var isRecurring: Bool { rrule != nil || !rdates.isEmpty }
}

/// An event at one of its starts, overrides applied.
package struct Occurrence: Sendable {
    package var event: Event
    /// The start in the series (RECURRENCE-ID), before any override.
    package var recurrenceId: Instant
    package var start: Instant
    package var end: Instant
    package var override: EventOverride?
    /// The event's record laid out as an occurrence, built once per series by `Occurrences`.
    var template: JSONObject?

    /// The occurrence record layout of `event`, times left to fill.
    static func template(_ event: Event) -> JSONObject {
        var o = JSONObject([
            ("type", .string("occurrence")), ("id", .string(event.id)), ("occurrence_start", .string("")), ("occurrence_end", .string("")),
        ])
        for (key, value) in event.record where key != "overrides" && o[key] == nil { o[key] = value }
        if event.isRecurring { o["recurrence_id"] = .string("") }
        return o
    }

    package var title: String { override?.title ?? event.title }
    package var room: String? { override?.room ?? event.room }
    package var status: EventStatus { override?.status ?? event.status }

    /// The attendees with their replies to this occurrence.
    package var attendees: [Attendee] {
        event.attendees.map { a in override?.replies.first { $0.user == a.user } ?? a }
    }

    /// The `occurrence` record: the event's fields (overrides applied) plus
    /// `occurrence_start`, `occurrence_end` and, for a series, `recurrence_id`.
    package var record: JSONObject {
        // The occurrence's own times first: tables show them before the series' fields.
        var o = template ?? Occurrence.template(event)
        o["occurrence_start"] = .string(event.text(start))
        o["occurrence_end"] = .string(event.text(end))
        if let v = override {
            if let t = v.title { o["title"] = .string(t) }
            if let d = v.description { o["description"] = .string(d) }
            if let l = v.location { o["location"] = .string(l) }
            if let r = v.room { o["room"] = .string(r) }
            if let s = v.status { o["status"] = .string(s.rawValue) }
            if !v.replies.isEmpty { o["attendees"] = .array(attendees.map(\.json)) }
        }
        if event.isRecurring { o["recurrence_id"] = .string(event.text(recurrenceId)) }
        return o
    }
}

extension Event {
    /// The occurrences in start order, overrides applied, lazily.
    package var occurrences: Occurrences { Occurrences(event: self) }

    /// The occurrences from those that may still be running at `from` on: the series is
    /// entered near `from` instead of expanded from its start (when it has no COUNT).
    package func occurrences(from: Instant) -> Occurrences {
        var o = Occurrences(event: self)
        let longest = Swift.max(duration, Int64(days) * 86_400)
        o.series.skip(to: from.adding(seconds: -longest))
        return o
    }

    /// The occurrences of an event, merged with its moved ones, in start order.
    package struct Occurrences: Sequence, IteratorProtocol {
        let event: Event
        var series: RecurrenceSet.Iterator
        var overridden: [Instant: EventOverride]
        var moved: [EventOverride]
        var movedIndex = 0
        var pending: Occurrence?
        var template: JSONObject?

        init(event: Event) {
            self.event = event
            series = event.recurrenceSet.makeIterator()
            overridden = Dictionary(event.overrides.map { ($0.recurrenceId, $0) }, uniquingKeysWith: { a, _ in a })
            moved = event.overrides.sorted { $0.start < $1.start }
        }

        mutating func sharedTemplate() -> JSONObject {
            if let template { return template }
            let t = Occurrence.template(event)
            template = t
            return t
        }

        mutating func pull() {
            while pending == nil, let next = series.next() {
                let s = event.allDay ? event.zone.startOfDay(next.local.date) : next.instant
                if overridden[s] != nil { continue }
                pending = Occurrence(event: event, recurrenceId: s, start: s, end: event.end(of: s), template: sharedTemplate())
            }
        }

        package mutating func next() -> Occurrence? {
            pull()
            if movedIndex < moved.count, pending.map({ moved[movedIndex].start < $0.start }) ?? true {
                let v = moved[movedIndex]
                movedIndex += 1
                return Occurrence(event: event, recurrenceId: v.recurrenceId, start: v.start, end: v.end, override: v, template: sharedTemplate())
            }
            defer { pending = nil }
            return pending
        }
    }

    /// Whether `s` is a start of the series (before overrides), looking no further than it.
    package func isSeriesStart(_ s: Instant) -> Bool {
        var it = recurrenceSet.makeIterator()
        while let next = it.next() {
            let start = allDay ? zone.startOfDay(next.local.date) : next.instant
            if start == s { return true }
            if start > s { return false }
        }
        return false
    }

    /// The end of the last occurrence, or nil when the series never ends.
    package var lastEnd: Instant? {
        if let rule = rrule, rule.count == nil, rule.until == nil { return nil }
        var last = end
        for occurrence in occurrences where occurrence.end > last { last = occurrence.end }
        return last
    }
}
