import Testing
import _CollabTestSupport

// Short forms for the collab-cal suites.
extension Sandbox {
    /// Runs `collab-cal ARGS` (in Europe/Paris unless `env` says otherwise) and requires exit 0.
    @discardableResult
    func cal(
        _ arguments: String..., stdin: String? = nil, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let r = try run("collab-cal", arguments, stdin: stdin, env: ["TZ": "Europe/Paris"].merging(env) { $1 })
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs `collab-cal ARGS` and expects exit `code`.
    @discardableResult
    func calFails(
        _ code: Int32, _ arguments: String..., stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let r = try run("collab-cal", arguments, stdin: stdin, env: ["TZ": "Europe/Paris"].merging(env) { $1 })
        #expect(r.status == code && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// A sandbox with users alice, bob, carl (members) and gus (a guest), a public
    /// calendar `mairie` and a room `salle-conseil` managed by alice.
    static func calendarOffice() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob", "carl")
        try s.addUsers("gus", extra: ["--role", "guest"])
        try s.cal("calendar", "add", "mairie", "--title", "Mairie", "--visibility", "public")
        try s.cal("room", "add", "salle-conseil", "--name", "Salle du conseil", "--capacity", "40", "--manager", "alice")
        return s
    }
}

@Suite struct CalCalendarTests {
    @Test func addListShowAndShare() throws {
        let s = try Sandbox.calendarOffice()
        try s.addUsers("dan")
        let c = try s.cal("calendar", "add", "urba", "--title", "Urbanisme", "--share", "bob:write", env: ["COLLAB_USER": "alice"]).record()
        #expect(c.string("type") == "calendar")
        #expect(c.string("owner") == "alice")
        #expect(c.string("visibility") == "private")
        #expect(c.objects("acl")?.first?.string("user") == "bob")
        #expect(try s.cal("calendar", "list", "-q", env: ["COLLAB_USER": "carl"]).lines == ["mairie"], "private calendars are hidden")
        try s.calFails(1, "calendar", "show", "urba", env: ["COLLAB_USER": "carl"])
        try s.calFails(77, "calendar", "share", "urba", "carl", env: ["COLLAB_USER": "bob"])
        let shared = try s.cal("calendar", "share", "urba", "carl", env: ["COLLAB_USER": "alice"]).record()
        #expect(shared.int("rev") == 2)
        #expect(try s.cal("calendar", "show", "urba", env: ["COLLAB_USER": "carl"]).record().string("title") == "Urbanisme")
        try s.cal("calendar", "share", "urba", "--revoke", "carl", env: ["COLLAB_USER": "alice"])
        try s.calFails(1, "calendar", "show", "urba", env: ["COLLAB_USER": "carl"])
    }

    @Test func repeatingAnAddIsANoOpAndOtherValuesAConflict() throws {
        let s = try Sandbox.calendarOffice()
        let seq = try s.lastSeq()
        try s.cal("calendar", "add", "mairie", "--title", "Mairie", "--visibility", "public")
        #expect(try s.lastSeq() == seq)
        let r = try s.calFails(73, "calendar", "add", "mairie", "--title", "Autre")
        #expect(r.stderr.contains("--update"), "\(r)")
        #expect(try s.cal("calendar", "add", "mairie", "--title", "Autre", "--update").record().string("title") == "Autre")
        #expect(try s.cal("calendar", "add", "x", "--key", "K1").record().string("id") == "x")
        #expect(try s.cal("calendar", "add", "y", "--key", "K1").record().string("id") == "x")
    }

    @Test func badInputAndRefusals() throws {
        let s = try Sandbox.calendarOffice()
        try s.calFails(65, "calendar", "add", "Bad Id")
        try s.calFails(64, "calendar", "add", "x", "--visibility", "secret")
        try s.calFails(77, "calendar", "add", "mine", env: ["COLLAB_USER": "gus"])
        try s.calFails(1, "calendar", "show", "nope")
        try s.calFails(1, "calendar", "add", "x", "--group", "nogroup")
    }
}

@Suite struct CalRoomTests {
    @Test func addListShow() throws {
        let s = try Sandbox.calendarOffice()
        let r = try s.cal("room", "show", "salle-conseil").record()
        #expect(r.string("name") == "Salle du conseil")
        #expect(r.int("capacity") == 40)
        #expect(r.strings("managers") == ["alice"])
        try s.cal("room", "add", "b12", "--location", "2e étage")
        #expect(try s.cal("room", "list", "-q", env: ["COLLAB_USER": "bob"]).lines == ["b12", "salle-conseil"])
        try s.calFails(73, "room", "add", "b12", "--capacity", "3")
        #expect(try s.cal("room", "add", "b12", "--capacity", "3", "--update").record().int("capacity") == 3)
    }

    @Test func errors() throws {
        let s = try Sandbox.calendarOffice()
        try s.calFails(77, "room", "add", "r2", env: ["COLLAB_USER": "bob"])
        try s.calFails(1, "room", "show", "nope")
        try s.calFails(1, "room", "add", "r3", "--manager", "nobody")
        try s.calFails(64, "room", "add", "r4", "--capacity", "many")
    }

    @Test func aTakenRoomIsRefusedNamingTheClashRecurrencesIncluded() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Conseil", "--calendar", "mairie", "--start", "2026-12-01 18:00", "--duration", "2h",
                  "--rrule", "FREQ=MONTHLY;BYDAY=1TU", "--room", "salle-conseil")
        let seq = try s.lastSeq()
        // The first Tuesday of February 2027, inside the series.
        let r = try s.calFails(73, "add", "Formation", "--calendar", "mairie", "--start", "2027-02-02 19:00", "--duration", "1h", "--room", "salle-conseil")
        #expect(r.stderr.contains("evt-1"), "\(r)")
        #expect(r.stderr.contains("Conseil"), "\(r)")
        #expect(try s.lastSeq() == seq)
        try s.cal("add", "Formation", "--calendar", "mairie", "--start", "2027-02-03 19:00", "--duration", "1h", "--room", "salle-conseil")
        // Back to back is not a clash.
        try s.cal("add", "Après", "--calendar", "mairie", "--start", "2027-02-02 20:00", "--duration", "1h", "--room", "salle-conseil")
        try s.calFails(77, "add", "Forcé", "--calendar", "mairie", "--start", "2027-02-02 19:00", "--duration", "1h",
                       "--room", "salle-conseil", "--force", env: ["COLLAB_USER": "bob"])
        try s.run("collab-admin", ["group", "add", "agents", "--member", "alice", "--member", "bob"], env: [:])
        try s.cal("calendar", "share", "mairie", "group:agents:write")
        let forced = try s.cal("add", "Forcé", "--calendar", "mairie", "--start", "2027-02-02 19:00", "--duration", "1h",
                               "--room", "salle-conseil", "--force", env: ["COLLAB_USER": "alice"]).record()
        #expect(forced.string("room") == "salle-conseil")
        // Editing the series without moving it is not blocked by the forced booking.
        try s.cal("update", "evt-1", "--title", "Conseil municipal")
        try s.calFails(73, "update", "evt-1", "--start", "2026-12-01 18:30")
    }

    @Test func aCancelledOccurrenceFreesTheRoom() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Hebdo", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h",
                  "--rrule", "FREQ=WEEKLY;COUNT=4", "--room", "salle-conseil")
        try s.calFails(73, "add", "Autre", "--calendar", "mairie", "--start", "2026-12-14 09:30", "--duration", "1h", "--room", "salle-conseil")
        try s.cal("cancel", "evt-1", "--occurrence", "2026-12-14 09:00")
        try s.cal("add", "Autre", "--calendar", "mairie", "--start", "2026-12-14 09:30", "--duration", "1h", "--room", "salle-conseil")
        // Moving an occurrence onto a booked slot is refused too.
        try s.calFails(73, "update", "evt-1", "--occurrence", "2026-12-21 09:00", "--start", "2026-12-14 10:00")
    }
}

@Suite struct CalEventTests {
    @Test func addPrintsTheEventInUTCWithItsZone() throws {
        let s = try Sandbox.calendarOffice()
        let e = try s.cal("add", "Réunion", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--end", "2026-12-01 15:30",
                          "--attendee", "alice,bob", "--location", "Mairie", "--description", "-", stdin: "Ordre du jour\n").record()
        #expect(e.string("type") == "event")
        #expect(e.string("id") == "evt-1")
        #expect(e.string("start") == "2026-12-01T13:00:00Z")
        #expect(e.string("end") == "2026-12-01T14:30:00Z")
        #expect(e.string("tz") == "Europe/Paris")
        #expect(e.string("organizer") == "root")
        #expect(e.string("description") == "Ordre du jour")
        #expect(e.bool("all_day") == false)
        #expect(e.objects("attendees")?.map { $0.string("status") ?? "" } == ["needs-action", "needs-action"])
        #expect(e.string("uid")?.hasSuffix("@collab") == true)
        #expect(try s.cal("show", "1").record().string("title") == "Réunion")
        #expect(try s.changes().last?.string("record_type") == "event")
    }

    @Test func withoutACalendarItGoesToThePersonalOne() throws {
        let s = try Sandbox.calendarOffice()
        let e = try s.cal("add", "Perso", "--start", "2026-12-01 14:00", "--duration", "30m", env: ["COLLAB_USER": "bob"]).record()
        #expect(e.string("calendar") == "bob")
        #expect(try s.cal("calendar", "show", "bob", env: ["COLLAB_USER": "bob"]).record().string("visibility") == "private")
        try s.calFails(1, "show", "evt-1", env: ["COLLAB_USER": "carl"])
    }

    @Test func allDayEventsUseDates() throws {
        let s = try Sandbox.calendarOffice()
        let e = try s.cal("add", "Congés", "--calendar", "mairie", "--start", "2026-12-24", "--all-day", "--duration", "2d").record()
        #expect(e.string("start") == "2026-12-24")
        #expect(e.string("end") == "2026-12-26")
        #expect(e.bool("all_day") == true)
        let one = try s.cal("add", "Férié", "--calendar", "mairie", "--start", "2027-01-01", "--all-day").record()
        #expect(one.string("end") == "2027-01-02")
    }

    @Test func aKeyMakesTheAddIdempotent() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Cron", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--key", "job-1")
        let seq = try s.lastSeq()
        let again = try s.cal("add", "Cron", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--key", "job-1").record()
        #expect(again.string("id") == "evt-1")
        #expect(try s.lastSeq() == seq)
    }

    @Test func visioAutoNeedsABaseAddress() throws {
        let s = try Sandbox.calendarOffice()
        try s.calFails(78, "add", "V", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--visio", "auto")
        let e = try s.cal("add", "V", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--visio", "auto",
                          env: ["COLLAB_VISIO_URL": "https://visio.example.org/r"]).record()
        #expect(e.string("visio")?.hasPrefix("https://visio.example.org/r/") == true)
        try s.calFails(65, "add", "V", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--visio", "ftp://x")
    }

    @Test func badInput() throws {
        let s = try Sandbox.calendarOffice()
        try s.calFails(65, "add", "X", "--calendar", "mairie", "--start", "someday", "--duration", "1h")
        try s.calFails(65, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--end", "2026-12-01 13:00")
        try s.calFails(65, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "soon")
        let r = try s.calFails(65, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--rrule", "FREQ=SOMETIMES")
        #expect(r.stderr.contains("rrule"), "\(r)")
        try s.calFails(64, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00")
        try s.calFails(64, "add", "X", "--start", "2026-12-01 14:00", "--end", "2026-12-01 15:00", "--duration", "1h")
        try s.calFails(1, "add", "X", "--calendar", "nope", "--start", "2026-12-01 14:00", "--duration", "1h")
        try s.calFails(1, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--room", "nope")
        try s.calFails(1, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", "--attendee", "nobody")
        try s.calFails(1, "show", "evt-99")
        try s.calFails(77, "add", "X", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h", env: ["COLLAB_USER": "bob"])
        try s.calFails(64, "frobnicate")
    }

    @Test func updateTheSeriesWithIfRev() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Réunion", "--calendar", "mairie", "--start", "2026-12-01 14:00", "--duration", "1h")
        let u = try s.cal("update", "evt-1", "--start", "2026-12-01 16:00", "--title", "Point", "--if-rev", "1").record()
        #expect(u.string("start") == "2026-12-01T15:00:00Z")
        #expect(u.string("end") == "2026-12-01T16:00:00Z", "the length is kept")
        #expect(u.string("title") == "Point")
        #expect(u.int("rev") == 2)
        try s.calFails(73, "update", "evt-1", "--title", "Stale", "--if-rev", "1")
        try s.calFails(77, "update", "evt-1", "--title", "Nope", env: ["COLLAB_USER": "bob"])
        try s.calFails(1, "update", "evt-9", "--title", "Nope")
        let invited = try s.cal("update", "evt-1", "--add-attendee", "carl", "--location", "").record()
        #expect(invited.objects("attendees")?.first?.string("user") == "carl")
    }

    @Test func updateOneOccurrenceMakesAnOverride() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Hebdo", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h", "--rrule", "FREQ=WEEKLY;COUNT=3")
        let e = try s.cal("update", "evt-1", "--occurrence", "2026-12-14 09:00", "--start", "2026-12-15 11:00", "--title", "Décalé").record()
        let o = try #require(e.objects("overrides")?.first)
        #expect(o.string("recurrence_id") == "2026-12-14T08:00:00Z")
        #expect(o.string("start") == "2026-12-15T10:00:00Z")
        #expect(o.string("end") == "2026-12-15T11:00:00Z")
        let agenda = try s.cal("agenda", "--from", "2026-12-01", "--to", "2027-01-01").records()
        #expect(agenda.map { $0.string("occurrence_start") ?? "" } == ["2026-12-07T08:00:00Z", "2026-12-15T10:00:00Z", "2026-12-21T08:00:00Z"])
        #expect(agenda[1].string("title") == "Décalé")
        #expect(agenda[1].string("recurrence_id") == "2026-12-14T08:00:00Z")
        let r = try s.calFails(1, "update", "evt-1", "--occurrence", "2026-12-14 10:00", "--title", "X")
        #expect(r.stderr.contains("no occurrence"), "\(r)")
        try s.calFails(64, "update", "evt-1", "--occurrence", "2026-12-21 09:00", "--rrule", "FREQ=DAILY")
    }

    @Test func cancelTheSeriesOrOneOccurrence() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Hebdo", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h", "--rrule", "FREQ=WEEKLY;COUNT=3")
        let e = try s.cal("cancel", "evt-1", "--occurrence", "2026-12-14 09:00").record()
        #expect(e.strings("exdates") == ["2026-12-14T08:00:00Z"])
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2027-01-01").records().count == 2)
        let c = try s.cal("cancel", "evt-1").record()
        #expect(c.string("status") == "cancelled")
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2027-01-01").stdout.isEmpty)
        try s.calFails(1, "cancel", "evt-7")
        try s.cal("add", "Une fois", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h")
        try s.calFails(65, "cancel", "evt-2", "--occurrence", "2026-12-07 09:00")
    }

    @Test func deleteRemovesTheEvent() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "A", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h")
        try s.cal("add", "B", "--calendar", "mairie", "--start", "2026-12-08 09:00", "--duration", "1h")
        let r = try s.cal("delete", "-", stdin: "evt-1\n{\"id\":\"evt-2\"}\n")
        #expect(try r.ids() == ["evt-1", "evt-2"])
        try s.calFails(1, "show", "evt-1")
        #expect(try s.changes().last?.string("op") == "delete")
        try s.calFails(1, "delete", "evt-1")
        try s.cal("add", "C", "--calendar", "mairie", "--start", "2026-12-08 09:00", "--duration", "1h")
        try s.calFails(77, "delete", "evt-3", env: ["COLLAB_USER": "bob"])
    }

    @Test func dryRunWritesNothing() throws {
        let s = try Sandbox.calendarOffice()
        let r = try s.cal("add", "A", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h", "--dry-run")
        #expect(try r.record().string("type") == "change")
        try s.calFails(1, "show", "evt-1")
    }
}

@Suite struct CalAgendaTests {
    @Test func aWeeklyMeetingStaysAtNineAcrossTheChangeToWinterTime() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Hebdo", "--calendar", "mairie", "--start", "2026-10-12 09:00", "--duration", "1h", "--rrule", "FREQ=WEEKLY")
        let starts = try s.cal("agenda", "--from", "2026-10-12", "--to", "2026-11-03").records().map { $0.string("occurrence_start") ?? "" }
        #expect(starts == ["2026-10-12T07:00:00Z", "2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z", "2026-11-02T08:00:00Z"])
        let local = try s.cal("agenda", "--from", "2026-10-12", "--to", "2026-11-03", "--format", "table", "--fields", "occurrence_start").lines
        #expect(local.count == 5)
        #expect(local.dropFirst().allSatisfy { $0.contains("09:00") }, "tables show local times: \(local)")
    }

    @Test func newYorkSeriesRepeatInNewYorkTime() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Call", "--calendar", "mairie", "--start", "2026-03-06 10:00", "--duration", "30m", "--rrule", "FREQ=DAILY;COUNT=3",
                  env: ["TZ": "America/New_York"])
        let starts = try s.cal("agenda", "--from", "2026-03-01", "--to", "2026-03-31").records().map { $0.string("occurrence_start") ?? "" }
        #expect(starts == ["2026-03-06T15:00:00Z", "2026-03-07T15:00:00Z", "2026-03-08T14:00:00Z"])
    }

    @Test func occurrencesOfSeveralEventsComeInStartOrderWithFilters() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("calendar", "add", "urba", "--visibility", "public")
        try s.cal("add", "Daily", "--calendar", "mairie", "--start", "2026-12-01 08:00", "--duration", "15m", "--rrule", "FREQ=DAILY")
        try s.cal("add", "Conseil", "--calendar", "urba", "--start", "2026-12-02 09:00", "--duration", "2h", "--room", "salle-conseil",
                  "--attendee", "alice")
        try s.cal("add", "Extra", "--calendar", "mairie", "--start", "2026-12-01 07:00", "--duration", "1h", "--rrule", "FREQ=DAILY;COUNT=2",
                  "--rdate", "2026-12-03 12:00")
        let all = try s.cal("agenda", "--from", "2026-12-01", "--to", "2026-12-04").records()
        #expect(all.map { $0.string("title") ?? "" } == ["Extra", "Daily", "Extra", "Daily", "Conseil", "Daily", "Extra"])
        let starts = all.map { $0.string("occurrence_start") ?? "" }
        #expect(starts == starts.sorted())
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2026-12-04", "--calendar", "urba", "-q").lines == ["evt-2"])
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2026-12-04", "--room", "salle-conseil").records().count == 1)
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2026-12-04", "--user", "alice").records().count == 1)
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2026-12-04", "--limit", "2").records().count == 2)
        try s.cal("rsvp", "evt-2", "decline", env: ["COLLAB_USER": "alice"])
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2026-12-04", "--user", "alice").stdout.isEmpty)
    }

    @Test func anOpenEndedSeriesStreamsFarAhead() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Minute", "--calendar", "mairie", "--start", "2026-12-01 00:00", "--duration", "1m", "--rrule", "FREQ=MINUTELY")
        let r = try s.cal("agenda", "--from", "2036-12-01", "--to", "2036-12-02", "-q")
        #expect(r.lines.count == 1440)
    }

    @Test func errors() throws {
        let s = try Sandbox.calendarOffice()
        try s.calFails(65, "agenda", "--from", "never")
        try s.calFails(65, "agenda", "--from", "2026-12-02", "--to", "2026-12-01")
        try s.calFails(1, "agenda", "--calendar", "nope")
        try s.cal("calendar", "add", "secret", env: ["COLLAB_USER": "alice"])
        try s.calFails(1, "agenda", "--calendar", "secret", env: ["COLLAB_USER": "bob"])
    }
}

@Suite struct CalInvitationTests {
    @Test func aReplyForOneOccurrence() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Hebdo", "--calendar", "mairie", "--start", "2026-12-07 09:00", "--duration", "1h", "--rrule", "FREQ=WEEKLY;COUNT=3",
                  "--attendee", "alice")
        try s.cal("rsvp", "evt-1", "accept", env: ["COLLAB_USER": "alice"])
        let e = try s.cal("rsvp", "evt-1", "decline", "--occurrence", "2026-12-14 09:00", env: ["COLLAB_USER": "alice"]).record()
        let o = try #require(e.objects("overrides")?.first)
        #expect(o.string("recurrence_id") == "2026-12-14T08:00:00Z")
        #expect(o.objects("replies")?.first?.string("status") == "declined")
        #expect(e.objects("attendees")?.first?.string("status") == "accepted", "the series keeps its answer")
        let mine = try s.cal("agenda", "--user", "alice", "--from", "2026-12-01", "--to", "2027-01-01").records()
        #expect(mine.map { $0.string("occurrence_start") ?? "" } == ["2026-12-07T08:00:00Z", "2026-12-21T08:00:00Z"])
        let all = try s.cal("agenda", "--from", "2026-12-01", "--to", "2027-01-01").records()
        #expect(all[1].objects("attendees")?.first?.string("status") == "declined")
        try s.calFails(1, "rsvp", "evt-1", "accept", "--occurrence", "2026-12-15 09:00", env: ["COLLAB_USER": "alice"])
    }

    @Test func inviteRsvpAndInbox() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("calendar", "add", "priv", env: ["COLLAB_USER": "alice"])
        try s.cal("add", "Point", "--calendar", "priv", "--start", "2026-12-01 14:00", "--duration", "1h", env: ["COLLAB_USER": "alice"])
        try s.calFails(1, "show", "evt-1", env: ["COLLAB_USER": "bob"])
        let e = try s.cal("invite", "evt-1", "bob", "carl", env: ["COLLAB_USER": "alice"]).record()
        #expect(e.objects("attendees")?.count == 2)
        #expect(try s.cal("inbox", "-q", env: ["COLLAB_USER": "bob"]).lines == ["evt-1"])
        #expect(try s.cal("show", "evt-1", env: ["COLLAB_USER": "bob"]).record().string("title") == "Point")
        let replied = try s.cal("rsvp", "evt-1", "accept", env: ["COLLAB_USER": "bob"]).record()
        #expect(replied.objects("attendees")?.first { $0.string("user") == "bob" }?.string("status") == "accepted")
        #expect(try s.cal("inbox", env: ["COLLAB_USER": "bob"]).stdout.isEmpty)
        let seen = try s.cal("show", "evt-1", env: ["COLLAB_USER": "alice"]).record()
        #expect(seen.objects("attendees")?.map { $0.string("status") ?? "" } == ["accepted", "needs-action"], "the organiser sees the replies")
        try s.calFails(1, "rsvp", "evt-1", "accept", env: ["COLLAB_USER": "root"])
        try s.calFails(64, "rsvp", "evt-1", "maybe", env: ["COLLAB_USER": "carl"])
        try s.calFails(77, "invite", "evt-1", "root", env: ["COLLAB_USER": "carl"])
        try s.calFails(1, "invite", "evt-1", "nobody", env: ["COLLAB_USER": "alice"])
    }
}
