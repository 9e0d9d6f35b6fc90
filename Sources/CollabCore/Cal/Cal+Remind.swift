extension Cal {
    /// The occurrences starting in [now, now + within) that the actor was not reminded of
    /// yet, in start order; each is marked as reminded (for this acting user) and recorded
    /// as a `reminder` change, so a second run in the window prints nothing.
    package static func remind(_ tx: Transaction, _ actor: Actor, within: Int64, filter: AgendaFilter) throws -> [Occurrence] {
        var f = filter
        f.from = tx.now
        f.to = tx.now.adding(seconds: within)
        var due: [Occurrence] = []
        try agenda(tx.sql, actor, f) { o in
            if o.start >= tx.now { due.append(o) }
            return true
        }
        var out: [Occurrence] = []
        for o in due {
            let start = RFC3339.format(o.start)
            try tx.sql.execute(
                "INSERT INTO reminders_sent (event_id, occurrence_start, actor, sent) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [.text(o.event.id), .text(start), .text(actor.id), .text(tx.timestamp)])
            guard tx.sql.changes > 0 else { continue }
            var r = JSONObject()
            r["type"] = .string("reminder")
            r["id"] = .string(o.event.id + "@" + start)
            r["event"] = .string(o.event.id)
            r["occurrence_start"] = .string(start)
            r["user"] = .string(actor.id)
            try tx.record(.create, "reminder", o.event.id + "@" + start, r)
            out.append(o)
        }
        return out
    }
}
