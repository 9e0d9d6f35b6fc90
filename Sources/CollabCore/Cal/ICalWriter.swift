/// Writes events as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75
/// octets, UID and DTSTAMP on every VEVENT, a VTIMEZONE for every TZID used, escaped text.
package struct ICalWriter {
    /// The people named as organiser or attendees: id to (name, email).
    package var people: [String: (name: String, email: String?)] = [:]
    /// Room ids to names (LOCATION when the event has no location of its own).
    package var rooms: [String: String] = [:]
    /// X-WR-CALNAME, when one calendar is exported.
    package var calendarName: String?

    package init() {}

    /// The whole file for these events.
    package func file(_ events: [Event]) -> String {
        var out = ""
        func line(_ s: String) { out += ICalText.fold(s) }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:-//collab//collab-cal 0.1.0//EN")
        line("CALSCALE:GREGORIAN")
        if let calendarName { line("X-WR-CALNAME:" + ICalText.escape(calendarName)) }
        var zones: [String] = []
        for e in events where !e.allDay && e.tz != "UTC" && !zones.contains(e.tz) { zones.append(e.tz) }
        for z in zones.sorted() { for l in timezone(z) { line(l) } }
        for e in events {
            for l in vevent(e, override: nil) { line(l) }
            for v in e.overrides { for l in vevent(e, override: v) { line(l) } }
        }
        line("END:VCALENDAR")
        return out
    }

    func time(_ name: String, _ e: Event, _ i: Instant) -> String {
        if e.allDay { return "\(name);VALUE=DATE:" + ICalTime.date(e.zone.civil(i).date) }
        if e.tz == "UTC" { return "\(name):" + ICalTime.utc(i) }
        return "\(name);TZID=\(e.tz):" + ICalTime.local(e.zone.civil(i))
    }

    func person(_ property: String, _ id: String, extra: String = "") -> String {
        let p = people[id]
        let cn = ";CN=" + ICalText.paramValue(p?.name ?? id)
        let address = p?.email.map { "mailto:" + $0 } ?? "urn:x-collab:user:" + id
        return property + cn + extra + ";X-COLLAB-USER=" + id + ":" + address
    }

    func vevent(_ e: Event, override v: EventOverride?) -> [String] {
        var l = ["BEGIN:VEVENT", "UID:" + ICalText.escape(e.uid)]
        let stamp = RFC3339.parse(e.updated) ?? e.start
        l.append("DTSTAMP:" + ICalTime.utc(stamp))
        if let created = RFC3339.parse(e.created) { l.append("CREATED:" + ICalTime.utc(created)) }
        l.append("LAST-MODIFIED:" + ICalTime.utc(stamp))
        l.append("SEQUENCE:\(e.rev - 1)")
        if let v { l.append(time("RECURRENCE-ID", e, v.recurrenceId)) }
        l.append(time("DTSTART", e, v?.start ?? e.start))
        l.append(time("DTEND", e, v?.end ?? e.end))
        l.append("SUMMARY:" + ICalText.escape(v?.title ?? e.title))
        if let d = v?.description ?? e.description { l.append("DESCRIPTION:" + ICalText.escape(d)) }
        let room = v?.room ?? e.room
        if let loc = v?.location ?? e.location ?? room.map({ rooms[$0] ?? $0 }) { l.append("LOCATION:" + ICalText.escape(loc)) }
        if let room { l.append("X-COLLAB-ROOM:" + room) }
        l.append("STATUS:" + (v?.status ?? e.status).rawValue.uppercased())
        l.append(person("ORGANIZER", e.organizer))
        let attendees = e.attendees.map { a in v?.replies.first { $0.user == a.user } ?? a }
        for a in attendees {
            let partstat = a.status.rawValue.uppercased()
            l.append(person("ATTENDEE", a.user, extra: ";ROLE=REQ-PARTICIPANT;PARTSTAT=\(partstat)"))
        }
        if v == nil {
            if let r = e.rrule { l.append("RRULE:" + r.text) }
            for x in e.exdates { l.append(time("EXDATE", e, x)) }
            for r in e.rdates { l.append(time("RDATE", e, r)) }
        }
        if let visio = e.visio { l.append("CONFERENCE;VALUE=URI;FEATURE=VIDEO:" + visio) }
        l.append("X-COLLAB-ID:" + e.id)
        l.append("END:VEVENT")
        return l
    }

    /// A VTIMEZONE for an IANA zone from its current rule (TZif footer): STANDARD and
    /// DAYLIGHT with yearly RRULEs, or one STANDARD for a zone without daylight time.
    func timezone(_ name: String) -> [String] {
        guard let zone = try? Zone.named(name) else { return [] }
        var l = ["BEGIN:VTIMEZONE", "TZID:" + name]
        func offset(_ s: Int) -> String {
            let sign = s < 0 ? "-" : "+"
            let m = abs(s) / 60
            return sign + CivilDate.pad(m / 60, 2) + CivilDate.pad(m % 60, 2)
        }
        if let rule = zone.rule, let daylight = rule.daylight,
           case .monthWeekDay(let sm, let sw, let sd) = rule.start.day, case .monthWeekDay(let em, let ew, let ed) = rule.end.day
        {
            let names = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
            func component(_ kind: String, from: Zone.LocalTimeType, to: Zone.LocalTimeType, _ change: Zone.PosixRule.Change, _ m: Int, _ w: Int, _ d: Int) {
                let at = Zone.PosixRule.instant(of: change, year: 1970, offset: from.offset)
                let local = CivilDateTime(secondsSinceEpoch: at + Int64(from.offset))
                l += [
                    "BEGIN:\(kind)", "DTSTART:" + ICalTime.local(local), "TZOFFSETFROM:" + offset(from.offset),
                    "TZOFFSETTO:" + offset(to.offset), "TZNAME:" + to.abbreviation,
                    "RRULE:FREQ=YEARLY;BYMONTH=\(m);BYDAY=\(w == 5 ? "-1" : String(w))\(names[d])", "END:\(kind)",
                ]
            }
            component("DAYLIGHT", from: rule.standard, to: daylight, rule.start, sm, sw, sd)
            component("STANDARD", from: daylight, to: rule.standard, rule.end, em, ew, ed)
        } else {
            let now = Instant.now()
            let o = zone.offset(at: now)
            l += [
                "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + offset(o), "TZOFFSETTO:" + offset(o),
                "TZNAME:" + zone.abbreviation(at: now), "END:STANDARD",
            ]
        }
        l.append("END:VTIMEZONE")
        return l
    }
}
