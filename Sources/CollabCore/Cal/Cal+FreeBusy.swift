/// Working hours: the days of the week and the time ranges of each (local times).
package struct WorkingHours: Sendable, Equatable {
    /// ISO weekdays (1 = Monday).
    package var days: Set<Int>
    /// Ranges in minutes after midnight, e.g. 540..<720 for 09:00–12:00.
    package var ranges: [Range<Int>]

    /// Monday to Friday, 09:00–12:00 and 14:00–17:30.
    package static let standard = WorkingHours(days: [1, 2, 3, 4, 5], ranges: [540..<720, 840..<1050])

    package init(days: Set<Int>, ranges: [Range<Int>]) {
        self.days = days
        self.ranges = ranges
    }

    /// Reads `mon-fri 09:00-12:00,14:00-17:30` (days optional: Monday to Friday).
    package static func parse(_ text: String) throws -> WorkingHours {
        func bad(_ why: String) -> CollabError { CollabError.invalid("hours", text, why) }
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var words = text.lowercased().split(separator: " ").map(String.init)
        var days: Set<Int> = [1, 2, 3, 4, 5]
        if let first = words.first, let c = first.first, c.isLetter {
            days = []
            for part in first.split(separator: ",") {
                let ends = part.split(separator: "-").map(String.init)
                guard (1...2).contains(ends.count), let a = names.firstIndex(of: ends[0]), let b = names.firstIndex(of: ends.last!) else {
                    throw bad("days are like mon-fri or mon,wed")
                }
                var d = a
                while true {
                    days.insert(d + 1)
                    if d == b { break }
                    d = (d + 1) % 7
                }
            }
            words.removeFirst()
        }
        guard words.count == 1 else { throw bad("expected [DAYS] HH:MM-HH:MM[,HH:MM-HH:MM]") }
        func minutes(_ s: Substring) throws -> Int {
            let p = s.split(separator: ":")
            guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else {
                throw bad("'\(s)' is not a time like 09:00")
            }
            return h * 60 + m
        }
        let ranges = try words[0].split(separator: ",").map { r -> Range<Int> in
            let ends = r.split(separator: "-")
            guard ends.count == 2 else { throw bad("'\(r)' is not a range like 09:00-12:00") }
            let a = try minutes(ends[0]), b = try minutes(ends[1])
            guard a < b else { throw bad("'\(r)' ends before it starts") }
            return a..<b
        }
        return WorkingHours(days: days, ranges: ranges.sorted { $0.lowerBound < $1.lowerBound })
    }
}

/// Whose time `busy` and `free` read: a user, or a room (`room:ID`).
package enum Participant: Sendable, Equatable {
    case user(String)
    case room(String)

    /// Reads `alice` or `room:salle-conseil`.
    package static func parse(_ text: String) throws -> Participant {
        if text.hasPrefix("room:") { return .room(try Slug.validate(String(text.dropFirst(5)), field: "with")) }
        return .user(try Slug.validate(text, field: "with"))
    }

    package var text: String {
        switch self {
        case .user(let u): u
        case .room(let r): "room:" + r
        }
    }
}

extension Cal {
    /// The busy periods of the participants in the window, merged, in order: the
    /// occurrences of events they organise or attend (declined invitations ignored) and
    /// of bookings of the rooms. Every event counts, private ones too: only times come out.
    package static func busy(_ sql: SQL, _ actor: Actor, _ who: [Participant], from: Instant, to: Instant, _ body: (Instant, Instant) throws -> Void) throws {
        guard actor.role != .guest else { throw CollabError.denied("\(actor.id) may not read others' busy times: guests may not") }
        for p in who {
            switch p {
            case .user(let u): _ = try Directory.requireUser(sql, u)
            case .room(let r): _ = try requireRoom(sql, r)
            }
        }
        var users = AgendaFilter(from: from, to: to)
        users.users = who.compactMap { if case .user(let u) = $0 { u } else { nil } }
        var rooms = AgendaFilter(from: from, to: to)
        rooms.rooms = who.compactMap { if case .room(let r) = $0 { r } else { nil } }
        let everything = Actor(id: actor.id, role: .admin)
        var periods: [(Instant, Instant)] = []
        for f in [users, rooms] where !f.users.isEmpty || !f.rooms.isEmpty {
            try agenda(sql, everything, f) { o in
                periods.append((Swift.max(o.start, from), Swift.min(o.end, to)))
                return true
            }
        }
        periods.sort { $0.0 < $1.0 }
        var current: (Instant, Instant)?
        for p in periods {
            if let c = current, p.0 <= c.1 {
                current = (c.0, Swift.max(c.1, p.1))
            } else {
                if let c = current { try body(c.0, c.1) }
                current = p
            }
        }
        if let c = current { try body(c.0, c.1) }
    }

    /// The free slots of at least `length` seconds common to the participants inside
    /// working hours (read in `zone`) in the window.
    package static func free(
        _ sql: SQL, _ actor: Actor, _ who: [Participant], length: Int64, from: Instant, to: Instant, hours: WorkingHours, zone: Zone,
        _ body: (Instant, Instant) throws -> Void
    ) throws {
        var busyPeriods: [(Instant, Instant)] = []
        try busy(sql, actor, who, from: from, to: to) { busyPeriods.append(($0, $1)) }
        var b = 0
        var day = zone.civil(from).date
        let lastDay = zone.civil(to).date
        while day <= lastDay {
            if hours.days.contains(day.weekday) {
                for r in hours.ranges {
                    var start = Swift.max(from, zone.instant(CivilDateTime(date: day, hour: r.lowerBound / 60, minute: r.lowerBound % 60)))
                    let endLocal = r.upperBound == 1440
                        ? CivilDateTime(date: day.adding(days: 1))
                        : CivilDateTime(date: day, hour: r.upperBound / 60, minute: r.upperBound % 60)
                    let end = Swift.min(to, zone.instant(endLocal))
                    while b < busyPeriods.count && busyPeriods[b].1 <= start { b += 1 }
                    var i = b
                    while start < end {
                        let next = i < busyPeriods.count ? busyPeriods[i] : nil
                        let freeEnd = next.map { Swift.min($0.0, end) } ?? end
                        if freeEnd.seconds - start.seconds >= length { try body(start, freeEnd) }
                        guard let n = next, n.0 < end else { break }
                        start = Swift.max(start, n.1)
                        i += 1
                    }
                }
            }
            day = day.adding(days: 1)
        }
    }
}

extension WorkingHours {
    /// The canonical text, as `parse` reads it: `mon-fri 09:00-12:00,14:00-17:30`.
    package var text: String {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var runs: [String] = []
        var d = 1
        while d <= 7 {
            guard days.contains(d) else { d += 1; continue }
            var e = d
            while e < 7 && days.contains(e + 1) { e += 1 }
            runs.append(e == d ? names[d - 1] : names[d - 1] + "-" + names[e - 1])
            d = e + 1
        }
        func hm(_ m: Int) -> String { (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)" }
        return runs.joined(separator: ",") + " " + ranges.map { hm($0.lowerBound) + "-" + hm($0.upperBound) }.joined(separator: ",")
    }

    /// The hours inside both: the common days, and the overlaps of the ranges.
    package func intersection(_ other: WorkingHours) -> WorkingHours {
        var out: [Range<Int>] = []
        for a in ranges {
            for b in other.ranges {
                let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
                if lo < hi { out.append(lo..<hi) }
            }
        }
        return WorkingHours(days: days.intersection(other.days), ranges: out.sorted { $0.lowerBound < $1.lowerBound })
    }
}

/// Each user's working hours (`collab-cal hours`), which `free` uses when no `--hours` is
/// given: a slot must fit the hours of every user searched.
package enum WorkingHoursStore {
    /// The `hours` record of a user: theirs, or the default (`default: true`).
    package static func record(_ sql: SQL, user: String) throws -> JSONObject {
        guard try Directory.user(sql, user) != nil else { throw CollabError.notFound("user", user) }
        var o = JSONObject()
        o["type"] = .string("hours")
        o["id"] = .string(user)
        if let r = try sql.first("SELECT hours, rev, created, updated FROM working_hours WHERE user_id = ?", [.text(user)], { ($0.string(0), $0.int(1), $0.string(2), $0.string(3)) }) {
            o["hours"] = .string(r.0)
            o["default"] = .bool(false)
            o["rev"] = .int(r.1)
            o["created"] = .string(r.2)
            o["updated"] = .string(r.3)
        } else {
            o["hours"] = .string(WorkingHours.standard.text)
            o["default"] = .bool(true)
        }
        return o
    }

    /// A user's hours, or the default.
    package static func hours(_ sql: SQL, user: String) throws -> WorkingHours {
        guard let text = try sql.string("SELECT hours FROM working_hours WHERE user_id = ?", [.text(user)]) else { return .standard }
        return (try? WorkingHours.parse(text)) ?? .standard
    }

    /// The hours common to every user of `who` (rooms have none of their own).
    package static func common(_ sql: SQL, _ who: [Participant]) throws -> WorkingHours {
        var h: WorkingHours?
        for p in who {
            guard case .user(let u) = p else { continue }
            let mine = try hours(sql, user: u)
            h = h.map { $0.intersection(mine) } ?? mine
        }
        return h ?? .standard
    }

    /// Sets (`hours` non-nil) or clears a user's hours: the user themself or an admin.
    package static func set(_ tx: Transaction, _ actor: Actor, user: String, hours: WorkingHours?) throws -> JSONObject {
        if user != actor.id { try Access.requireAdmin(actor, "set the working hours of \(user)") }
        guard try Directory.user(tx.sql, user) != nil else { throw CollabError.notFound("user", user) }
        let current = try tx.sql.first("SELECT hours, rev FROM working_hours WHERE user_id = ?", [.text(user)]) { ($0.string(0), $0.int(1)) }
        if let hours {
            let text = hours.text
            if current?.0 == text { return try record(tx.sql, user: user) }
            if let current {
                try tx.sql.execute("UPDATE working_hours SET hours = ?, rev = ?, updated = ? WHERE user_id = ?",
                                   [.text(text), .int(current.1 + 1), .text(tx.timestamp), .text(user)])
            } else {
                try tx.sql.execute("INSERT INTO working_hours (user_id, hours, rev, created, updated) VALUES (?, ?, 1, ?, ?)",
                                   [.text(user), .text(text), .text(tx.timestamp), .text(tx.timestamp)])
            }
            let r = try record(tx.sql, user: user)
            try tx.record(current == nil ? .create : .update, "hours", user, r)
            return r
        }
        guard current != nil else { return try record(tx.sql, user: user) }
        let old = try record(tx.sql, user: user)
        try tx.sql.execute("DELETE FROM working_hours WHERE user_id = ?", [.text(user)])
        try tx.record(.delete, "hours", user, old)
        return try record(tx.sql, user: user)
    }
}
