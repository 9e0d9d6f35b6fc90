import Testing
import _CollabTestSupport
@testable import CollabCore

@Suite struct CalICalTextTests {
    @Test func foldingKeepsLinesWithin75OctetsAndUTF8Whole() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60) + String(repeating: "a", count: 100)
        let folded = ICalText.fold(line)
        let pieces = folded.utf8.split(separator: 13).map { Array($0) }
        #expect(folded.hasSuffix("\r\n"))
        for p in folded.split(separator: "\r\n", omittingEmptySubsequences: true) {
            #expect(p.utf8.count <= 75, "\(p)")
        }
        #expect(pieces.count > 2)
        let unfolded = try! ICalText.lines(Array(folded.utf8))
        #expect(unfolded.count == 1)
        #expect("SUMMARY:" + unfolded[0].value == line)
    }

    @Test func escapingRoundTrips() {
        let text = "a, b; c\\d\nsecond line"
        #expect(ICalText.escape(text) == "a\\, b\\; c\\\\d\\nsecond line")
        #expect(ICalText.unescape(ICalText.escape(text)) == text)
    }

    @Test func contentLinesWithQuotedParameters() throws {
        let lines = try ICalText.lines(Array("ATTENDEE;CN=\"Martin; Alice\";PARTSTAT=ACCEPTED:mailto:a@b.fr\nX-A:1\r\n".utf8))
        #expect(lines.count == 2)
        #expect(lines[0].name == "ATTENDEE")
        #expect(lines[0].param("cn") == "Martin; Alice")
        #expect(lines[0].param("PARTSTAT") == "ACCEPTED")
        #expect(lines[0].value == "mailto:a@b.fr")
        #expect(lines[1].lineNumber == 2)
        let error = try #require(throws: CollabError.self) { try ICalText.lines(Array("BEGIN:VCALENDAR\nnonsense\n".utf8)) }
        #expect(error.inputLine == 2)
    }

    @Test func zoneNamesFromOtherPrograms() {
        #expect(ICalReader.zoneName("Europe/Paris") == "Europe/Paris")
        #expect(ICalReader.zoneName("Romance Standard Time") == "Europe/Paris")
        #expect(ICalReader.zoneName("/mozilla.org/20050126_1/America/New_York") == "America/New_York")
        #expect(ICalReader.zoneName("Mars/Olympus") == nil)
    }
}

@Suite struct CalWorkingHoursTests {
    @Test func parsing() throws {
        #expect(try WorkingHours.parse("09:00-12:00,14:00-17:30") == .standard)
        let h = try WorkingHours.parse("mon-wed,fri 08:30-12:00")
        #expect(h.days == [1, 2, 3, 5])
        #expect(h.ranges == [510..<720])
        #expect(try WorkingHours.parse("sat-mon 10:00-11:00").days == [6, 7, 1])
        for bad in ["9-12", "mon-xyz 09:00-10:00", "12:00-09:00", "25:00-26:00", "mon 09:00-10:00 extra"] {
            #expect(throws: CollabError.self) { try WorkingHours.parse(bad) }
        }
    }
}

@Suite struct CalEventOccurrenceTests {
    func event(_ rule: String?, allDay: Bool = false) throws -> Event {
        let paris = try Zone.named("Europe/Paris")
        let start = paris.instant(CivilDateTime(date: CivilDate(year: 2026, month: 12, day: 7)!, hour: allDay ? 0 : 9))
        let end = allDay ? paris.startOfDay(CivilDate(year: 2026, month: 12, day: 8)!) : start.adding(seconds: 3600)
        return Event(
            id: "evt-1", uid: "u", calendar: "c", title: "T", start: start, end: end, allDay: allDay, tz: "Europe/Paris", organizer: "a",
            rrule: try rule.map(RRule.parse), status: .confirmed, rev: 1, created: "", updated: "")
    }

    @Test func overridesAreMergedInStartOrder() throws {
        var e = try event("FREQ=DAILY;COUNT=4")
        let second = RFC3339.parse("2026-12-08T08:00:00Z")!
        e.overrides = [EventOverride(recurrenceId: second, start: RFC3339.parse("2026-12-10T12:00:00Z")!, end: RFC3339.parse("2026-12-10T13:00:00Z")!, title: "Moved")]
        let starts = e.occurrences.map { RFC3339.format($0.start) }
        #expect(starts == ["2026-12-07T08:00:00Z", "2026-12-09T08:00:00Z", "2026-12-10T08:00:00Z", "2026-12-10T12:00:00Z"])
        #expect(e.lastEnd == RFC3339.parse("2026-12-10T13:00:00Z"))
        #expect(e.isSeriesStart(second))
        #expect(!e.isSeriesStart(second.adding(seconds: 60)))
    }

    @Test func enteringASeriesNearAWindowGivesTheSameOccurrences() throws {
        let e = try event("FREQ=HOURLY;INTERVAL=7")
        let from = RFC3339.parse("2031-06-01T00:00:00Z")!
        var skipped = e.occurrences(from: from)
        var walked = e.occurrences
        var a: [Instant] = []
        while let o = skipped.next(), a.count < 5 { if o.end > from { a.append(o.start) } }
        var b: [Instant] = []
        while let o = walked.next(), b.count < 5 { if o.end > from { b.append(o.start) } }
        #expect(a == b)
    }

    @Test func allDaySeriesRepeatOnDates() throws {
        let e = try event("FREQ=YEARLY;COUNT=3", allDay: true)
        let texts = e.occurrences.map { e.text($0.start) + "/" + e.text($0.end) }
        #expect(texts == ["2026-12-07/2026-12-08", "2027-12-07/2027-12-08", "2028-12-07/2028-12-08"])
        #expect(e.lastEnd.map(e.text) == "2028-12-08")
        #expect(try event("FREQ=DAILY").lastEnd == nil, "open-ended")
    }
}
