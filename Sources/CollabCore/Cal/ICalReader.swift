/// A VEVENT read from an iCalendar file, before it is matched to the store.
struct ParsedEvent {
    var line: Int
    var uid: String
    var recurrenceId: Instant?
    var event: Event
    var organizer: String?
}

/// Reads VEVENTs from iCalendar files written by collab, Outlook, Google or Thunderbird:
/// folded lines, TZIDs by IANA name (also Windows names and `/mozilla.org/…/Europe/Paris`
/// prefixes), X- properties and VALARMs ignored.
struct ICalReader {
    let defaultZone: String
    /// Finds a user by `X-COLLAB-USER` id or by email.
    let userFor: (_ id: String?, _ email: String?) throws -> String?
    let roomName: (String) throws -> String?

    /// Windows zone names Outlook writes, for the zones of the people likely to use collab.
    static let windowsZones = [
        "Romance Standard Time": "Europe/Paris", "W. Europe Standard Time": "Europe/Berlin",
        "Central Europe Standard Time": "Europe/Budapest", "Central European Standard Time": "Europe/Warsaw",
        "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
        "Eastern Standard Time": "America/New_York", "Central Standard Time": "America/Chicago",
        "Mountain Standard Time": "America/Denver", "Pacific Standard Time": "America/Los_Angeles",
        "E. Europe Standard Time": "Europe/Chisinau", "FLE Standard Time": "Europe/Kiev", "UTC": "UTC",
        "Coordinated Universal Time": "UTC", "Reunion Standard Time": "Indian/Reunion",
        "SA Eastern Standard Time": "America/Cayenne", "SE Asia Standard Time": "Asia/Bangkok",
    ]

    /// The IANA name a TZID stands for, or nil.
    static func zoneName(_ tzid: String) -> String? {
        let id = tzid.trimmingSpaces
        if (try? Zone.named(id)) != nil { return id }
        if let mapped = windowsZones[id] { return mapped }
        let parts = id.split(separator: "/")
        for n in [3, 2] where parts.count >= n {
            let tail = parts.suffix(n).joined(separator: "/")
            if (try? Zone.named(tail)) != nil { return tail }
        }
        return nil
    }

    /// The VEVENT components: their lines, and the line each begins on. Nested components
    /// (VALARM) are dropped.
    static func components(_ lines: [ICalLine]) throws -> [(Int, [ICalLine])] {
        var out: [(Int, [ICalLine])] = []
        var current: [ICalLine]?
        var start = 0
        var depth = 0
        for l in lines {
            if l.name == "BEGIN" {
                if current != nil { depth += 1; continue }
                if l.value.uppercased() == "VEVENT" { current = []; start = l.lineNumber; depth = 0 }
            } else if l.name == "END" {
                if current != nil {
                    if depth > 0 { depth -= 1; continue }
                    out.append((start, current!))
                    current = nil
                }
            } else if depth == 0 {
                current?.append(l)
            }
        }
        if current != nil { throw CollabError(.badInput, "VEVENT without END:VEVENT", line: start) }
        return out
    }

    /// A time value: a date (all day), UTC, in a TZID, or floating (the default zone).
    func time(_ l: ICalLine, _ value: String? = nil) throws -> (instant: Instant, allDay: Bool, tz: String) {
        let v = (value ?? l.value).trimmingSpaces
        func bad(_ why: String) -> CollabError { CollabError(.badInput, "\(l.name) '\(v)': \(why)", line: l.lineNumber, field: l.name.lowercased()) }
        if v.count == 8 || l.param("VALUE")?.uppercased() == "DATE" {
            guard case .date(let d)? = RRule.parseUntil(v) else { throw bad("expected a date YYYYMMDD") }
            let z = try Zone.named(defaultZone)
            return (z.startOfDay(d), true, defaultZone)
        }
        guard let until = RRule.parseUntil(v) else { throw bad("expected a time YYYYMMDDTHHMMSS[Z]") }
        switch until {
        case .instant(let i): return (i, false, l.param("TZID").flatMap(ICalReader.zoneName) ?? "UTC")
        case .local(let local):
            var name = defaultZone
            if let tzid = l.param("TZID") {
                guard let n = ICalReader.zoneName(tzid) else { throw bad("unknown TZID '\(tzid)'") }
                name = n
            }
            return (try Zone.named(name).instant(local), false, name)
        case .date: throw bad("expected a time")
        }
    }

    /// Reads one VEVENT.
    func event(_ start: Int, _ lines: [ICalLine]) throws -> ParsedEvent {
        func one(_ name: String) -> ICalLine? { lines.first { $0.name == name } }
        guard let uid = one("UID")?.value, !uid.isEmpty else { throw CollabError(.badInput, "VEVENT without UID", line: start, field: "uid") }
        guard let dtstart = one("DTSTART") else { throw CollabError(.badInput, "VEVENT '\(uid)' without DTSTART", line: start, field: "dtstart") }
        let s = try time(dtstart)
        var end: Instant
        if let dtend = one("DTEND") {
            end = try time(dtend).instant
        } else if let d = one("DURATION") {
            guard let duration = try? ISODuration.parse(d.value) else {
                throw CollabError(.badInput, "DURATION '\(d.value)' is not an ISO 8601 duration", line: d.lineNumber, field: "duration")
            }
            end = duration.added(to: s.instant, in: try Zone.named(s.tz))
        } else {
            end = s.allDay ? ISODuration(days: 1).added(to: s.instant, in: try Zone.named(s.tz)) : s.instant
        }
        if end < s.instant { throw CollabError(.badInput, "VEVENT '\(uid)' ends before it starts", line: start, field: "dtend") }
        var e = Event(
            id: "", uid: uid, calendar: "", title: one("SUMMARY").map { ICalText.unescape($0.value) } ?? "(untitled)", start: s.instant,
            end: end, allDay: s.allDay, tz: s.tz, organizer: "", status: .confirmed, rev: 1, created: "", updated: "")
        if e.title.trimmingSpaces.isEmpty { e.title = "(untitled)" }
        e.description = one("DESCRIPTION").map { ICalText.unescape($0.value) }
        e.location = one("LOCATION").map { ICalText.unescape($0.value) }
        if let status = one("STATUS") {
            e.status = EventStatus(rawValue: status.value.lowercased()) ?? .confirmed
        }
        if let room = one("X-COLLAB-ROOM")?.value, let name = try roomName(room) {
            e.room = room
            // The location an export wrote from the room's name is not a location of its own.
            if e.location == name || e.location == room { e.location = nil }
        }
        if let r = one("RRULE") {
            do { e.rrule = try RRule.parse(r.value) } catch let error as CollabError { throw error.at(line: r.lineNumber) }
        }
        for l in lines where l.name == "EXDATE" || l.name == "RDATE" {
            for v in l.value.split(separator: ",") {
                let first = String(v.split(separator: "/").first ?? v)
                let t = try time(l, first).instant
                if l.name == "EXDATE" { e.exdates.append(t) } else { e.rdates.append(t) }
            }
        }
        e.exdates.sort()
        e.rdates.sort()
        if let v = one("CONFERENCE") ?? one("X-GOOGLE-CONFERENCE") { e.visio = v.value }
        var organizer: String?
        if let o = one("ORGANIZER") { organizer = try userFor(o.param("X-COLLAB-USER"), email(o.value)) }
        var seen = Set<String>()
        for a in lines where a.name == "ATTENDEE" {
            guard let user = try userFor(a.param("X-COLLAB-USER"), email(a.value)), seen.insert(user).inserted else { continue }
            let status = AttendeeStatus(rawValue: (a.param("PARTSTAT") ?? "NEEDS-ACTION").lowercased()) ?? .needsAction
            e.attendees.append(Attendee(user: user, status: status))
        }
        e.attendees.sort { $0.user < $1.user }
        let rid = try one("RECURRENCE-ID").map { try time($0).instant }
        return ParsedEvent(line: start, uid: uid, recurrenceId: rid, event: e, organizer: organizer)
    }

    func email(_ address: String) -> String? {
        address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : nil
    }
}
