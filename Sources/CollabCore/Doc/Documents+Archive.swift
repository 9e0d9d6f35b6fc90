extension Documents {
    /// The end of a retention period (`10y`, `P10Y`, `6mo`, `90d`, `P6W`: a
    /// `RetentionPeriod`, as retention rules read it), from `now` in UTC.
    package static func retentionEnd(_ text: String, from now: Instant) throws -> Instant {
        do {
            return try RetentionPeriod.parse(text).end(after: now)
        } catch {
            throw CollabError.invalid("retain", text, "expected a period like 10y, P10Y, 6mo, 90d or P6W")
        }
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
