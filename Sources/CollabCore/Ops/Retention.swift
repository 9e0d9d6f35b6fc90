/// Retention rules and their application: `set`, `remove`, `each` and `apply`.
package enum Retention {
    /// Reads `FIELD=VALUE` conditions for a record type: known fields only, each once,
    /// values checked like the domain checks them (exit 65 otherwise). Sorted by field.
    package static func conditions(_ texts: [String], for type: RetentionRule.RecordType) throws -> [(field: String, value: String)] {
        var out: [(field: String, value: String)] = []
        for text in texts {
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                throw CollabError.invalid("where", text, "expected FIELD=VALUE, like channel=general")
            }
            let field = String(text[..<eq]), value = String(text[text.index(after: eq)...])
            guard type.fields.contains(field) else {
                throw CollabError.invalid(
                    "where", text, "a \(type.rawValue) rule tests \(type.fields.joined(separator: ", ")), not '\(field)'")
            }
            guard !out.contains(where: { $0.field == field }) else {
                throw CollabError.invalid("where", text, "'\(field)' is given twice: write one rule per value")
            }
            out.append((field, try checkedValue(type, field, value)))
        }
        return out.sorted { $0.field < $1.field }
    }

    private static func checkedValue(_ type: RetentionRule.RecordType, _ field: String, _ value: String) throws -> String {
        switch (type, field) {
        case (_, "folder"): return try FolderPath.validate(value, field: "where")
        case (.doc, "status"): return try oneOf(value, DocStatus.allCases.map(\.rawValue))
        case (.task, "status"): return try oneOf(value, TaskStatus.allCases.map(\.rawValue))
        case (.task, "priority"): return try oneOf(value, TaskPriority.allCases.map(\.rawValue))
        case (_, "media_type"):
            guard !value.isEmpty, !value.contains("\n") else { throw CollabError.invalid("where", value, "expected a media type") }
            return value
        default: return try Slug.validate(value, field: "where")
        }
    }

    private static func oneOf(_ value: String, _ allowed: [String]) throws -> String {
        guard allowed.contains(value) else {
            throw CollabError.invalid("where", value, "expected one of \(allowed.joined(separator: ", "))")
        }
        return value
    }

    /// Sets a rule (admins only): a new one, or the period of the rule with the same type
    /// and conditions (the same period again changes nothing).
    package static func set(
        _ tx: Transaction, _ actor: Actor, type: RetentionRule.RecordType, period: RetentionPeriod,
        conditions: [(field: String, value: String)]
    ) throws -> (RetentionRule, WriteOutcome) {
        try Access.requireAdmin(actor, "set a retention rule")
        let filter = RetentionRule.filter(conditions)
        if var existing = try tx.sql.first(
            "SELECT \(RetentionRule.columns) FROM retention_rules WHERE rtype = ? AND filter = ?",
            [.text(type.rawValue), .text(filter)], RetentionRule.row)
        {
            if existing.period == period { return (existing, .unchanged) }
            existing.period = period
            existing.rev += 1
            existing.updated = tx.timestamp
            try tx.sql.execute(
                "UPDATE retention_rules SET period = ?, rev = ?, updated = ? WHERE num = ?",
                [.text(period.iso), .int(existing.rev), .text(existing.updated), .int(existing.num)])
            try tx.record(.update, "retention_rule", existing.id, existing.record)
            return (existing, .updated)
        }
        let rule = RetentionRule(
            num: try tx.nextNumber("ret"), type: type, conditions: conditions, period: period, rev: 1, created: tx.timestamp,
            updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO retention_rules (num, rtype, filter, period, rev, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.int(rule.num), .text(type.rawValue), .text(filter), .text(period.iso), .int(1), .text(rule.created), .text(rule.updated)])
        try tx.record(.create, "retention_rule", rule.id, rule.record)
        return (rule, .created)
    }

    /// The rule with this id (`ret-2` or `2`), or exit 1.
    package static func require(_ sql: SQL, _ text: String) throws -> RetentionRule {
        let n = try RetentionRule.ids.number(text)
        guard let r = try sql.first("SELECT \(RetentionRule.columns) FROM retention_rules WHERE num = ?", [.int(n)], RetentionRule.row) else {
            throw CollabError.notFound("retention rule", text)
        }
        return r
    }

    /// Removes a rule (admins only); returns it as it was.
    package static func remove(_ tx: Transaction, _ actor: Actor, _ text: String) throws -> RetentionRule {
        try Access.requireAdmin(actor, "remove a retention rule")
        let rule = try require(tx.sql, text)
        try tx.sql.execute("DELETE FROM retention_rules WHERE num = ?", [.int(rule.num)])
        try tx.record(.delete, "retention_rule", rule.id, rule.record)
        return rule
    }

    /// Calls `body` for each rule, in id order (of one type if given).
    package static func each(_ sql: SQL, type: RetentionRule.RecordType?, _ body: (RetentionRule) throws -> Bool) throws {
        let condition = type == nil ? "" : " WHERE rtype = ?"
        try sql.each(
            "SELECT \(RetentionRule.columns) FROM retention_rules\(condition) ORDER BY num", type.map { [SQLValue.text($0.rawValue)] } ?? []
        ) { try body(try RetentionRule.row($0)) }
    }
}
