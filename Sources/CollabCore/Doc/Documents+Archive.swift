extension Documents {
    /// The end of a retention period: `10y` or `P10Y` (calendar years, 29 February
    /// becoming 28), else any duration collab reads (`90d`, `P2W`), from `now` in UTC.
    package static func retentionEnd(_ text: String, from now: Instant) throws -> Instant {
        let t = text.trimmingSpaces.uppercased()
        var digits = Substring(t)
        if digits.hasPrefix("P") { digits = digits.dropFirst() }
        if digits.hasSuffix("Y"), let years = Int(digits.dropLast()), years > 0, years <= 1000 {
            var local = Zone.utc.civil(now)
            let y = local.date.year + years
            local.date = CivilDate(year: y, month: local.date.month, day: local.date.day)
                ?? CivilDate(year: y, month: local.date.month, day: local.date.day - 1)!
            return Zone.utc.instant(local)
        }
        let d: ISODuration
        do { d = try ISODuration.parse(text) } catch {
            throw CollabError.invalid("retain", text, "expected a period like 10y, P10Y, 90d or P6W")
        }
        guard d.totalSeconds > 0 else { throw CollabError.invalid("retain", text, "the period must be positive") }
        return d.added(to: now, in: Zone.utc)
    }

    /// Archives a document: read-only from now on, and kept at least until `until`
    /// (manage access; not in a circuit, not locked by someone else). Archiving again can
    /// only extend the retention.
    package static func archive(_ tx: Transaction, _ actor: Actor, _ text: String, until: Instant, ifRev: Int64?) throws -> Document {
        var doc = try requireDocument(tx.sql, text)
        try require(tx.sql, actor, .manage, doc, to: "archive \(doc.id)")
        try Revisions.check("doc", doc.id, current: doc.rev, expected: ifRev)
        if let holder = doc.lockedBy, holder != actor.id {
            throw CollabError.conflict("cannot archive \(doc.id): it is locked by \(holder)")
        }
        if doc.status == .inCircuit {
            throw CollabError.conflict("cannot archive \(doc.id): it is in a circuit")
        }
        let end = RFC3339.format(until)
        if doc.status == .archived {
            guard let current = doc.retainUntil, current < end else { return doc }
        }
        doc.status = .archived
        doc.retainUntil = end
        doc.lockedBy = nil
        try saveDocument(tx, &doc)
        return doc
    }
}
