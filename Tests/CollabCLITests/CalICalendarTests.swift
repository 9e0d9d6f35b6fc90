import Testing
import _CollabTestSupport

/// iCalendar samples in the styles of the programs administrations use.
enum ICalSamples {
    static func crlf(_ lines: [String]) -> String { lines.joined(separator: "\r\n") + "\r\n" }

    /// Outlook: Windows zone names, folded lines, VALARM, attendees with parameters.
    static let outlook = crlf([
        "BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:REQUEST",
        "X-MS-OLK-FORCEINSPECTOROPEN:TRUE",
        "BEGIN:VTIMEZONE", "TZID:Romance Standard Time",
        "BEGIN:STANDARD", "DTSTART:16011028T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "ATTENDEE;CN=\"Alice Martin\";RSVP=TRUE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:alice@mairie.fr",
        "ATTENDEE;CN=Partenaire Externe;RSVP=TRUE:mailto:someone@elsewhere.org",
        "CLASS:PUBLIC", "CREATED:20261101T100000Z",
        "DESCRIPTION:Ordre du jour :\\n1. Budget\\n2. Voirie\\, éclairage\\; divers et une ligne longue qui se",
        "  replie sur la suivante",
        "DTEND;TZID=\"Romance Standard Time\":20261203T110000", "DTSTAMP:20261101T100000Z",
        "DTSTART;TZID=\"Romance Standard Time\":20261203T100000",
        "LAST-MODIFIED:20261101T100000Z", "LOCATION:Salle 12", "ORGANIZER;CN=\"Bob Durand\":mailto:bob@mairie.fr",
        "PRIORITY:5", "SEQUENCE:0", "SUMMARY;LANGUAGE=fr-FR:Commission voirie", "TRANSP:OPAQUE",
        "UID:040000008200E00074C5B7101A82E00800000000D0B1B1C6E1C9D801000000000000000010000000",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM",
        "END:VEVENT", "END:VCALENDAR",
    ])

    /// Google: UTC times, RRULE with UNTIL, EXDATE, an override, a conference address.
    static let google = crlf([
        "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "X-WR-CALNAME:Service urbanisme", "X-WR-TIMEZONE:Europe/Paris",
        "BEGIN:VEVENT", "DTSTART;TZID=Europe/Paris:20261207T093000", "DTEND;TZID=Europe/Paris:20261207T100000",
        "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20270329T073000Z;BYDAY=MO", "EXDATE;TZID=Europe/Paris:20261228T093000",
        "DTSTAMP:20261120T080000Z", "UID:7kukuqr0d1rv2t8mc1qd6kc5vq@google.com",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij", "CREATED:20261120T075900Z",
        "LAST-MODIFIED:20261120T080000Z", "SEQUENCE:0", "STATUS:CONFIRMED", "SUMMARY:Point hebdo", "TRANSP:OPAQUE",
        "END:VEVENT",
        "BEGIN:VEVENT", "DTSTART:20261214T100000Z", "DTEND:20261214T103000Z", "DTSTAMP:20261120T080000Z",
        "UID:7kukuqr0d1rv2t8mc1qd6kc5vq@google.com", "RECURRENCE-ID;TZID=Europe/Paris:20261214T093000",
        "CREATED:20261120T075900Z", "LAST-MODIFIED:20261120T080100Z", "SEQUENCE:1", "STATUS:CONFIRMED",
        "SUMMARY:Point hebdo (décalé)", "TRANSP:OPAQUE", "END:VEVENT",
        "END:VCALENDAR",
    ])

    /// Thunderbird: IANA TZID with its VTIMEZONE, X-MOZ properties, an all-day event, LF ends.
    static let thunderbird = [
        "BEGIN:VCALENDAR", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0",
        "BEGIN:VTIMEZONE", "TZID:America/New_York", "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT",
        "DTSTART:19700308T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
        "BEGIN:VEVENT", "CREATED:20261110T120000Z", "LAST-MODIFIED:20261110T120000Z", "DTSTAMP:20261110T120000Z",
        "UID:5c0f6a1e-2b7d-4c1a-9a55-6f1c2d3e4f50", "SUMMARY:Visio avec New York",
        "DTSTART;TZID=America/New_York:20270313T090000", "DTEND;TZID=America/New_York:20270313T100000",
        "RRULE:FREQ=DAILY;COUNT=3", "X-MOZ-GENERATION:2", "X-MOZ-SNOOZE-TIME:20261110T120000Z",
        "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;VALUE=DURATION:-PT10M", "DESCRIPTION:Default description", "END:VALARM",
        "END:VEVENT",
        "BEGIN:VEVENT", "UID:5c0f6a1e-all-day", "SUMMARY:Fermeture exceptionnelle", "DTSTART;VALUE=DATE:20261226",
        "DTEND;VALUE=DATE:20261228", "DTSTAMP:20261110T120000Z", "END:VEVENT",
        "END:VCALENDAR",
    ].joined(separator: "\n") + "\n"
}

@Suite struct CalICalendarTests {
    func office() throws -> Sandbox {
        let s = try Sandbox.calendarOffice()
        try s.run("collab-admin", ["user", "update", "alice", "--email", "alice@mairie.fr", "--name", "Alice Martin"])
        try s.run("collab-admin", ["user", "update", "bob", "--email", "bob@mairie.fr"])
        return s
    }

    func populated() throws -> Sandbox {
        let s = try office()
        try s.cal("add", "Réunion, budget; voirie", "--calendar", "mairie", "--start", "2026-11-30 09:00", "--duration", "1h",
                  "--rrule", "FREQ=WEEKLY;BYDAY=MO;COUNT=10", "--attendee", "alice,bob", "--room", "salle-conseil",
                  "--description", "Une description assez longue pour être repliée : première ligne\net une seconde ligne, avec des accents éèà.")
        try s.cal("update", "evt-1", "--occurrence", "2026-12-07 09:00", "--start", "2026-12-08 14:00", "--title", "Réunion décalée")
        try s.cal("cancel", "evt-1", "--occurrence", "2026-12-14 09:00")
        try s.cal("rsvp", "evt-1", "decline", "--occurrence", "2026-12-21 09:00", env: ["COLLAB_USER": "bob"])
        try s.cal("add", "Congés", "--calendar", "mairie", "--start", "2026-12-24", "--all-day", "--duration", "2d")
        try s.cal("add", "Call NY", "--calendar", "mairie", "--start", "2026-12-02 10:00", "--duration", "30m", env: ["TZ": "America/New_York"])
        return s
    }

    @Test func showWithFormatICSPrintsTheEventsAsICalendar() throws {
        let s = try populated()
        let r = try s.cal("show", "evt-1", "--format", "ics")
        #expect(r.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(r.stdout.hasSuffix("END:VCALENDAR\r\n"))
        #expect(r.stdout.contains("SUMMARY:"))
        let e = try s.cal("export", "--format", "ics", "evt-1")
        #expect(e.stdout == r.stdout, "show --format ics writes what export writes")
        let refused = try s.run("collab-cal", ["room", "list", "--format", "ics"])
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr.contains("ics"))
    }

    @Test func anExportIsValidICalendarThatPythonReads() throws {
        let s = try populated()
        let path = s.path + "/mairie.ics"
        try s.cal("export", "--calendar", "mairie", "--output", path)
        let bytes = Sandbox.read(path)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        let physical = text.components("\r\n")
        #expect(physical.last == "")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
        #expect(!bytes.enumerated().contains { $0.element == 10 && ($0.offset == 0 || bytes[$0.offset - 1] != 13) }, "CRLF only")
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris"))
        #expect(text.contains("TZID:America/New_York"))
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            tzids = {tz['TZID'] for tz in cal.walk('VTIMEZONE')}
            for e in cal.walk('VEVENT'):
                assert 'UID' in e and 'DTSTAMP' in e, e
                start = e['DTSTART']
                tzid = start.params.get('TZID')
                assert tzid is None or tzid in tzids, tzid
                rid = e.get('RECURRENCE-ID')
                print('|'.join([str(e['SUMMARY']), e.decoded('DTSTART').isoformat(), str(e.get('RRULE', '').to_ical().decode() if e.get('RRULE') else ''),
                                rid.dt.isoformat() if rid else '', str(e.get('DESCRIPTION', ''))[:20]]))
            """
        let r = try s.run("python3", ["-c", script, path])
        try #require(r.status == 0, "python icalendar (pip install icalendar): \(r)")
        #expect(r.lines == [
            "Réunion, budget; voirie|2026-11-30T09:00:00+01:00|FREQ=WEEKLY;COUNT=10;BYDAY=MO||Une description asse",
            "Réunion décalée|2026-12-08T14:00:00+01:00||2026-12-07T09:00:00+01:00|Une description asse",
            "Réunion, budget; voirie|2026-12-21T09:00:00+01:00||2026-12-21T09:00:00+01:00|Une description asse",
            "Congés|2026-12-24|||",
            "Call NY|2026-12-02T10:00:00-05:00|||",
        ])
        let stdout = try s.cal("export", "evt-2").stdout
        #expect(stdout.contains("SUMMARY:Congés\r\n"))
        #expect(stdout.contains("DTSTART;VALUE=DATE:20261224\r\n"))
        #expect(stdout.contains("DTEND;VALUE=DATE:20261226\r\n"))
    }

    @Test func reimportingAnExportChangesNothingAndAnotherStoreGetsTheSameEvents() throws {
        let s = try populated()
        let ics = try s.cal("export", "--calendar", "mairie").stdout
        let seq = try s.lastSeq()
        let again = try s.cal("import", "-", "--calendar", "mairie", stdin: ics).records()
        #expect(again.count == 3)
        #expect(try s.lastSeq() == seq, "an import of unchanged events writes nothing")

        let other = try office()
        let imported = try other.cal("import", "-", "--calendar", "mairie", stdin: ics).records()
        let before = try s.cal("show", "evt-1", "evt-2", "evt-3").records()
        func modelled(_ r: [String: Any]) -> String {
            ["uid", "title", "description", "start", "end", "all_day", "tz", "room", "rrule", "exdates", "status", "organizer"]
                .map { "\(r[$0] ?? "-")" }.joined(separator: "|")
                + "\(r.objects("attendees")?.map { "\($0.string("user") ?? ""):\($0.string("status") ?? "")" } ?? [])"
                + "\(r.objects("overrides")?.map { "\($0.string("recurrence_id") ?? "")>\($0.string("start") ?? ""):\($0.string("title") ?? ""):\($0.objects("replies")?.count ?? 0)" } ?? [])"
        }
        #expect(imported.map(modelled) == before.map(modelled))
        #expect(try other.cal("export", "--calendar", "mairie").stdout.count > 0)
    }

    @Test func aChangedEventIsUpdatedByUID() throws {
        let s = try office()
        try s.cal("import", "-", "--calendar", "mairie", stdin: ICalSamples.google)
        let changed = ICalSamples.google.replacingFirst("SUMMARY:Point hebdo\r\n", with: "SUMMARY:Point hebdomadaire\r\n")
        let r = try s.cal("import", "-", stdin: changed).record()
        #expect(r.string("title") == "Point hebdomadaire")
        #expect(r.int("rev") == 2)
        #expect(r.string("calendar") == "mairie", "an update stays in its calendar")
        #expect(try s.cal("agenda", "--from", "2026-12-01", "--to", "2027-01-01", "-q").lines.count == 3)
    }

    @Test func outlookSample() throws {
        let s = try office()
        let e = try s.cal("import", "-", "--calendar", "mairie", stdin: ICalSamples.outlook).record()
        #expect(e.string("title") == "Commission voirie")
        #expect(e.string("tz") == "Europe/Paris")
        #expect(e.string("start") == "2026-12-03T09:00:00Z")
        #expect(e.string("end") == "2026-12-03T10:00:00Z")
        #expect(e.string("location") == "Salle 12")
        #expect(e.string("description") == "Ordre du jour :\n1. Budget\n2. Voirie, éclairage; divers et une ligne longue qui se replie sur la suivante")
        #expect(e.string("organizer") == "bob", "matched by email")
        #expect(e.objects("attendees")?.map { "\($0.string("user") ?? ""):\($0.string("status") ?? "")" } == ["alice:accepted"])
    }

    @Test func googleSample() throws {
        let s = try office()
        let e = try s.cal("import", "-", "--calendar", "mairie", stdin: ICalSamples.google).record()
        #expect(e.string("rrule") == "FREQ=WEEKLY;UNTIL=20270329T073000Z;BYDAY=MO")
        #expect(e.strings("exdates") == ["2026-12-28T08:30:00Z"])
        #expect(e.string("visio") == "https://meet.google.com/abc-defg-hij")
        let o = try #require(e.objects("overrides")?.first)
        #expect(o.string("recurrence_id") == "2026-12-14T08:30:00Z")
        #expect(o.string("start") == "2026-12-14T10:00:00Z")
        #expect(o.string("title") == "Point hebdo (décalé)")
        let agenda = try s.cal("agenda", "--from", "2026-12-01", "--to", "2027-01-05").records()
        #expect(agenda.map { $0.string("occurrence_start") ?? "" } == [
            "2026-12-07T08:30:00Z", "2026-12-14T10:00:00Z", "2026-12-21T08:30:00Z", "2027-01-04T08:30:00Z",
        ])
        let last = try s.cal("agenda", "--from", "2027-03-20", "--to", "2027-04-30", "-q").lines
        #expect(last.count == 2, "22 and 29 March (UNTIL is 29 March 07:30Z, 09:30 summer time)")
    }

    @Test func thunderbirdSample() throws {
        let s = try office()
        let r = try s.cal("import", "-", "--calendar", "mairie", stdin: ICalSamples.thunderbird).records()
        #expect(r.count == 2)
        #expect(r[0].string("tz") == "America/New_York")
        #expect(r[0].string("rrule") == "FREQ=DAILY;COUNT=3")
        #expect(r[1].bool("all_day") == true)
        #expect(r[1].string("start") == "2026-12-26")
        #expect(r[1].string("end") == "2026-12-28")
        let starts = try s.cal("agenda", "--from", "2027-03-01", "--to", "2027-03-31").records().map { $0.string("occurrence_start") ?? "" }
        #expect(starts == ["2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-15T13:00:00Z"], "New York springs forward on 14 March")
    }

    @Test func aBadFileWritesNothingAndNamesTheLines() throws {
        let s = try office()
        let seq = try s.lastSeq()
        let bad = ICalSamples.crlf([
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:ok-1", "DTSTART:20261201T100000Z", "DTEND:20261201T110000Z", "SUMMARY:Bon", "END:VEVENT",
            "BEGIN:VEVENT", "SUMMARY:Sans UID", "DTSTART:20261201T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:bad-2", "DTSTART;TZID=Mars/Olympus:20261201T100000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:bad-3", "DTSTART:20261201T100000Z", "RRULE:FREQ=OFTEN", "END:VEVENT",
            "END:VCALENDAR",
        ])
        let r = try s.calFails(65, "import", "-", "--calendar", "mairie", "--format", "ndjson", stdin: bad)
        let errors = try r.errorRecords()
        #expect(errors.compactMap { $0.int("input_line") }.prefix(3) == [8, 14, 19], "the VEVENT without UID, then the lines at fault")
        #expect(r.stdout.isEmpty)
        #expect(try s.lastSeq() == seq)
        try s.calFails(74, "import", s.path + "/missing.ics")
        try s.calFails(69, "import", "http://127.0.0.1:9/calendar.ics")
        try s.calFails(77, "import", "-", "--calendar", "mairie", stdin: ICalSamples.google, env: ["COLLAB_USER": "bob"])
        try s.calFails(1, "export", "--calendar", "nope")
    }
}

extension String {
    func components(_ separator: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: separator) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
