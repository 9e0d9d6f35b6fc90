import Testing
import _CollabTestSupport

/// `collab-cal free` and `busy`.
@Suite struct CalFreeBusyTests {
    /// Monday 2026-11-30 in Paris: alice 09:00-10:00 (weekly), bob 10:30-11:00, the room
    /// 14:00-16:00; carl invited 11:00-12:00 but declined.
    func office() throws -> Sandbox {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Hebdo", "--calendar", "mairie", "--start", "2026-11-23 09:00", "--duration", "1h", "--rrule", "FREQ=WEEKLY",
                  "--attendee", "alice")
        try s.cal("add", "Bob", "--start", "2026-11-30 10:30", "--duration", "30m", env: ["COLLAB_USER": "bob"])
        try s.cal("add", "Salle", "--calendar", "mairie", "--start", "2026-11-30 14:00", "--duration", "2h", "--room", "salle-conseil")
        try s.cal("add", "Refusé", "--calendar", "mairie", "--start", "2026-11-30 11:00", "--duration", "1h", "--attendee", "carl")
        try s.cal("rsvp", "evt-4", "decline", env: ["COLLAB_USER": "carl"])
        return s
    }

    @Test func freeSlotsAreCommonAndInsideWorkingHours() throws {
        let s = try office()
        let slots = try s.cal("free", "--with", "alice,bob,carl,room:salle-conseil", "--duration", "1h",
                              "--from", "2026-11-30", "--to", "2026-12-01").records()
        #expect(slots.map { "\($0.string("start") ?? "")/\($0.string("end") ?? "")" } == [
            "2026-11-30T10:00:00Z/2026-11-30T11:00:00Z",  // 11:00-12:00 local: carl declined
            "2026-11-30T15:00:00Z/2026-11-30T16:30:00Z",  // 16:00-17:30 local
        ])
        #expect(slots.first?.string("type") == "slot")
        #expect(slots.first?.string("duration") == "PT1H")
        #expect(slots.first?.strings("with") == ["alice", "bob", "carl", "room:salle-conseil"])
        let short = try s.cal("free", "--with", "alice,bob", "--duration", "30m", "--from", "2026-11-30", "--to", "2026-12-01", "--limit", "1").records()
        #expect(short.map { $0.string("start") ?? "" } == ["2026-11-30T09:00:00Z"], "10:00-10:30 local")
        let custom = try s.cal("free", "--with", "alice", "--duration", "1h", "--from", "2026-11-30", "--to", "2026-12-01",
                               "--hours", "mon 08:00-10:00").records()
        #expect(custom.map { $0.string("start") ?? "" } == ["2026-11-30T07:00:00Z"])
        #expect(try s.cal("free", "--with", "alice", "--duration", "1h", "--from", "2026-12-05", "--to", "2026-12-07").stdout.isEmpty, "a weekend")
    }

    @Test func eachUserHasWorkingHoursThatFreeRespects() throws {
        let s = try office()
        let d = try s.cal("hours", "show", env: ["COLLAB_USER": "alice"]).record()
        #expect(d.string("type") == "hours")
        #expect(d.string("id") == "alice")
        #expect(d.string("hours") == "mon-fri 09:00-12:00,14:00-17:30")
        #expect(d.bool("default") == true)
        let set = try s.cal("hours", "set", "mon-thu 08:00-12:30,13:30-16:00", env: ["COLLAB_USER": "bob"]).record()
        #expect(set.string("hours") == "mon-thu 08:00-12:30,13:30-16:00")
        #expect(set.bool("default") == false)
        #expect(set.int("rev") == 1)
        let seq = try s.lastSeq()
        try s.cal("hours", "set", "mon-thu 08:00-12:30,13:30-16:00", env: ["COLLAB_USER": "bob"])
        #expect(try s.lastSeq() == seq, "the same hours again change nothing")
        // alice (default) and bob: 09:00-12:00 and 14:00-16:00 on Monday, minus their events.
        let slots = try s.cal("free", "--with", "alice,bob", "--duration", "1h", "--from", "2026-11-30", "--to", "2026-12-01").records()
        #expect(slots.map { "\($0.string("start") ?? "")/\($0.string("end") ?? "")" } == [
            "2026-11-30T10:00:00Z/2026-11-30T11:00:00Z",
            "2026-11-30T13:00:00Z/2026-11-30T15:00:00Z",
        ])
        #expect(try s.cal("free", "--with", "bob", "--duration", "1h", "--from", "2026-12-04", "--to", "2026-12-05").stdout.isEmpty, "bob does not work on Fridays")
        let r = try s.run("collab-cal", ["hours", "set", "09:00-10:00", "--user", "bob"], env: ["COLLAB_USER": "alice"])
        #expect(r.status == 77, "\(r)")
        #expect(try s.cal("hours", "set", "09:00-10:00", "--user", "bob").record().string("hours") == "mon-fri 09:00-10:00")
        let bad = try s.run("collab-cal", ["hours", "set", "9h-midi"], env: ["COLLAB_USER": "bob"])
        #expect(bad.status == 65, "\(bad)")
        #expect(try s.cal("hours", "clear", env: ["COLLAB_USER": "bob"]).record().bool("default") == true)
        #expect(try s.run("collab-cal", ["hours", "show", "ghost"]).status == 1)
    }

    @Test func busyPrintsMergedPeriodsWithoutTitles() throws {
        let s = try office()
        let busy = try s.cal("busy", "--user", "alice,bob", "--from", "2026-11-30", "--to", "2026-12-01", env: ["COLLAB_USER": "carl"]).records()
        #expect(busy.map { "\($0.string("start") ?? "")/\($0.string("end") ?? "")" } == [
            "2026-11-30T08:00:00Z/2026-11-30T09:00:00Z", "2026-11-30T09:30:00Z/2026-11-30T10:00:00Z",
        ])
        #expect(busy.first?.keySet == ["type", "id", "who", "start", "end"])
        #expect(try s.cal("busy", "--user", "carl", "--from", "2026-11-30", "--to", "2026-12-01").stdout.isEmpty)
    }

    @Test func errors() throws {
        let s = try office()
        try s.calFails(1, "free", "--with", "nobody", "--duration", "1h")
        try s.calFails(1, "free", "--with", "room:nowhere", "--duration", "1h")
        try s.calFails(65, "free", "--with", "alice", "--duration", "long")
        try s.calFails(65, "free", "--with", "alice", "--duration", "1h", "--hours", "25:00-26:00")
        try s.calFails(64, "free", "--duration", "1h")
        try s.calFails(77, "busy", "--user", "alice", env: ["COLLAB_USER": "gus"])
        try s.calFails(65, "busy", "--user", "alice", "--from", "2026-12-02", "--to", "2026-12-01")
    }
}

/// `collab-cal remind`.
@Suite struct CalRemindTests {
    @Test func eachOccurrenceIsRemindedOnceAcrossRuns() throws {
        let s = try Sandbox.calendarOffice()
        // Sandbox.now is 2026-11-23T09:20:00Z, 10:20 in Paris.
        try s.cal("add", "Daily", "--calendar", "mairie", "--start", "2026-11-20 10:30", "--duration", "15m", "--rrule", "FREQ=DAILY")
        try s.cal("add", "Later", "--calendar", "mairie", "--start", "2026-11-23 11:00", "--duration", "15m")
        try s.cal("add", "Past", "--calendar", "mairie", "--start", "2026-11-23 10:15", "--duration", "15m")
        let first = try s.cal("remind", "--within", "15m").records()
        #expect(first.map { $0.string("title") ?? "" } == ["Daily"])
        #expect(first.first?.string("type") == "occurrence")
        #expect(first.first?.string("occurrence_start") == "2026-11-23T09:30:00Z")
        #expect(try s.cal("remind", "--within", "15m").stdout.isEmpty, "a second run reminds nothing")
        let wider = try s.cal("remind", "--within", "1h", "--template", "{{title}} at {{occurrence_start}}")
        #expect(wider.lines == ["Later at 2026-11-23T10:00:00Z"])
        // Tomorrow's occurrence comes in its own window.
        let tomorrow = try s.cal("remind", "--within", "15m", env: ["COLLAB_NOW": "2026-11-24T09:20:00Z"]).records()
        #expect(tomorrow.map { $0.string("occurrence_start") ?? "" } == ["2026-11-24T09:30:00Z"])
        #expect(try s.changes().last?.string("record_type") == "reminder")
        #expect(try s.cal("remind", "--within", "15m", env: ["COLLAB_USER": "alice"]).records().isEmpty == false, "once per acting user")
        try s.calFails(65, "remind", "--within", "soon")
        try s.calFails(64, "remind")
    }
}
