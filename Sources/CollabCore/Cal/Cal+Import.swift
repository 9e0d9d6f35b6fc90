extension Cal {
    /// What an import did to one event.
    package struct Imported: Sendable {
        package var event: Event
        package var outcome: WriteOutcome
    }

    /// Imports the VEVENTs of an iCalendar file into `calendar` (default: the actor's
    /// personal one), idempotent by UID: a known UID whose event is unchanged is left
    /// alone; a changed one is updated (in its own calendar). Every bad VEVENT is reported
    /// through `report`, and then nothing is written (exit 65).
    package static func importICS(
        _ tx: Transaction, _ actor: Actor, _ bytes: [UInt8], calendar: String?, zone: String, report: (CollabError) -> Void
    ) throws -> [Imported] {
        let reader = ICalReader(
            defaultZone: zone,
            userFor: { id, email in
                if let id, try Directory.user(tx.sql, id) != nil { return id }
                guard let email else { return nil }
                return try tx.sql.string("SELECT id FROM users WHERE lower(email) = lower(?)", [.text(email)])
            },
            roomName: { try room(tx.sql, $0)?.name })
        let lines = try ICalText.lines(bytes)
        var parsed: [ParsedEvent] = []
        var bad = 0
        for (start, component) in try ICalReader.components(lines) {
            do { parsed.append(try reader.event(start, component)) } catch let e as CollabError {
                report(e.inputLine == nil ? e.at(line: start) : e)
                bad += 1
            }
        }
        var masters: [ParsedEvent] = []
        var masterUIDs = Set<String>()
        var overrides: [String: [ParsedEvent]] = [:]
        for p in parsed {
            if p.recurrenceId == nil {
                if !masterUIDs.insert(p.uid).inserted {
                    report(CollabError(.badInput, "UID '\(p.uid)' appears twice", line: p.line, field: "uid"))
                    bad += 1
                }
                masters.append(p)
            } else {
                overrides[p.uid, default: []].append(p)
            }
        }
        for (uid, list) in overrides.sorted(by: { $0.value[0].line < $1.value[0].line }) where !masterUIDs.contains(uid) {
            report(CollabError(.badInput, "an occurrence of '\(uid)' (RECURRENCE-ID) without its series", line: list[0].line, field: "recurrence-id"))
            bad += 1
        }
        if bad > 0 { throw CollabError(.badInput, "\(bad) bad event\(bad == 1 ? "" : "s") in the file: nothing imported") }
        var target: CalendarSpace?
        func targetCalendar() throws -> CalendarSpace {
            if let target { return target }
            let id = try calendar ?? personalCalendar(tx, actor.id).id
            let c = try requireCalendar(tx.sql, actor, id, .write, to: "import into calendar '\(id)'")
            target = c
            return c
        }
        var result: [Imported] = []
        for m in masters {
            var e = m.event
            e.overrides = (overrides[m.uid] ?? []).map { o in
                let v = o.event
                return EventOverride(
                    recurrenceId: o.recurrenceId!, start: v.start, end: v.end, title: v.title == e.title ? nil : v.title,
                    description: v.description == e.description ? nil : v.description, location: v.location == e.location ? nil : v.location,
                    room: v.room == e.room ? nil : v.room, status: v.status == e.status ? nil : v.status,
                    replies: v.attendees.filter { a in !e.attendees.contains(a) && e.attendees.contains { $0.user == a.user } })
            }.sorted { $0.recurrenceId < $1.recurrenceId }
            if let id = try tx.sql.string("SELECT id FROM events WHERE uid = ?", [.text(e.uid)]) {
                let existing = try writableEvent(tx, actor, id, "update")
                e.id = existing.id
                e.calendar = existing.calendar
                e.organizer = m.organizer ?? existing.organizer
                e.rev = existing.rev
                e.created = existing.created
                e.updated = existing.updated
                if e == existing {
                    result.append(Imported(event: existing, outcome: .unchanged))
                    continue
                }
                e.rev += 1
                e.updated = tx.timestamp
                if bookingChanged(existing, e) { try checkRooms(tx, actor, e, force: false) }
                result.append(Imported(event: try saveEvent(tx, e, op: .update), outcome: .updated))
            } else {
                e.calendar = try targetCalendar().id
                e.id = eventSeq.id(try tx.nextNumber("evt"))
                e.organizer = m.organizer ?? actor.id
                e.created = tx.timestamp
                e.updated = tx.timestamp
                try checkRooms(tx, actor, e, force: false)
                result.append(Imported(event: try saveEvent(tx, e, op: .create), outcome: .created))
            }
        }
        return result
    }
}
