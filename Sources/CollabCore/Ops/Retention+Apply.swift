extension Retention {
    /// What `apply` did with one expired record.
    package struct Outcome: Sendable {
        /// message, doc, task or event.
        package var recordType: String
        /// The expired record's id.
        package var id: String
        /// The rule that found it (ret-N).
        package var rule: String
        /// The time the age was measured from.
        package var since: String
        /// nil when removed; otherwise why it was kept.
        package var keptBecause: String?
        /// The hold that kept it, if any.
        package var hold: String?

        /// The `expired` record.
        package var record: JSONObject {
            var o = JSONObject([
                ("type", .string("expired")), ("id", .string(id)), ("record_type", .string(recordType)), ("rule", .string(rule)),
                ("since", .string(since)), ("action", .string(keptBecause == nil ? "removed" : "kept")),
            ])
            o.set("reason", keptBecause)
            o.set("hold", hold)
            return o
        }
    }

    /// Applies every rule (admins only), in rule order, inside the caller's transaction:
    /// each record older than its rule's period (and matching its conditions) is removed
    /// through its domain's own delete (so its rules and change records apply; messages
    /// are purged), and its text is redacted in its past change entries, unless a legal hold covers it or the domain refuses (an archived
    /// document before retain_until, a document that is not a draft, a task with
    /// subtasks): those are kept and reported.
    package static func apply(_ tx: Transaction, _ actor: Actor) throws -> [Outcome] {
        try Access.requireAdmin(actor, "apply retention rules")
        var rules: [RetentionRule] = []
        try each(tx.sql, type: nil) { rules.append($0); return true }
        var out: [Outcome] = []
        for rule in rules {
            let cutoff = RFC3339.format(rule.period.cutoff(before: tx.now))
            for (id, since) in try candidates(tx.sql, rule, cutoff: cutoff) {
                var o = Outcome(recordType: rule.type.rawValue, id: id, rule: rule.id, since: since)
                if let h = try Holds.holding(tx.sql, type: rule.type.rawValue, id: id) {
                    o.keptBecause = "under legal hold \(h.id) (\(h.why))"
                    o.hold = h.id
                } else {
                    do {
                        try tx.savepoint {
                            try remove(tx, actor, rule.type, id)
                            try forget(tx, actor, rule, id)
                        }
                    } catch let e as CollabError where e.kind == .conflict {
                        o.keptBecause = e.message
                    }
                }
                out.append(o)
            }
        }
        return out
    }

    /// The text fields that expire with their record in its past change entries.
    static let expiringFields = ["body", "title", "description", "location", "comment", "note", "checklist", "topic"]

    /// Redacts the text of a removed record in its past change entries (the chain keeps
    /// their hashes, so `audit verify` still passes and lists them), so that a period of
    /// retention also holds for the audit log's copies.
    private static func forget(_ tx: Transaction, _ actor: Actor, _ rule: RetentionRule, _ id: String) throws {
        let info = JSONObject([("at", .string(tx.timestamp)), ("by", .string(actor.id)), ("retention", .string(rule.id))])
        _ = try Redaction.redact(tx, where: "rtype = ? AND rid = ?", [.text(rule.type.rawValue), .text(id)], info: info) { record, _, _ in
            var r = record
            for f in expiringFields where r[f] != nil { r[f] = .string("[expired]") }
            return r
        }
    }

    private static func remove(_ tx: Transaction, _ actor: Actor, _ type: RetentionRule.RecordType, _ id: String) throws {
        switch type {
        case .message: _ = try Messaging.delete(tx, actor, id, purge: true)
        case .doc: _ = try Documents.dispose(tx, actor, id)
        case .task: _ = try Tasks.delete(tx, actor, id)
        case .event: _ = try Cal.deleteEvent(tx, actor, id)
        }
    }

    /// The ids of the records a rule finds expired, with the time their age counts from.
    /// Field names come from the rule type's fixed list, values are bound.
    static func candidates(_ sql: SQL, _ rule: RetentionRule, cutoff: String) throws -> [(String, String)] {
        let table: String, select: String, age: String, order: String
        switch rule.type {
        case .message: (table, select, age, order) = ("messages", "'msg-' || num, ts", "ts", "num")
        case .doc: (table, select, age, order) = ("documents", "id, updated", "updated", "num")
        // Children first, so that a parent whose subtasks also expire can go too.
        case .task: (table, select, age, order) = ("tasks", "'task-' || n, coalesce(done_at, updated)", "coalesce(done_at, updated)", "n DESC")
        // A series that never ends (last_end NULL) never expires.
        case .event: (table, select, age, order) = ("events", "id, last_end", "last_end", "id")
        }
        var conditions = ["\(age) < ?"]
        var args: [SQLValue] = [.text(cutoff)]
        for c in rule.conditions {
            if c.field == "folder" {
                conditions.append("(folder = ? OR substr(folder, 1, ?) = ?)")
                args += [.text(c.value), .int(Int64(c.value.utf8.count + 1)), .text(c.value + "/")]
            } else {
                conditions.append("\(c.field) = ?")
                args.append(.text(c.value))
            }
        }
        return try sql.all(
            "SELECT \(select) FROM \(table) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order)", args
        ) { ($0.string(0), $0.string(1)) }
    }
}
