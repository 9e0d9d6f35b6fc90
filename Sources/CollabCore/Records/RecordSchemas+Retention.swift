extension RecordSchemas {
    /// The record types of retention (collab-admin retention).
    static let retentionTypes: [RecordType] = [
        RecordType(name: "retention_rule", description: "A retention rule: records of a type older than a period are removed.", fields: [
            f("id", string, required: true, "ret-N."),
            f("record_type", oneOf(RetentionRule.RecordType.allCases.map(\.rawValue)), required: true, "message, doc, task or event."),
            f("where", strings, "Conditions FIELD=VALUE that all must hold."),
            f("duration", string, required: true, "How long records are kept (ISO 8601: P1Y, P6M, P90D)."),
            f("age_from", string, required: true, "The field the age counts from: ts, updated, done_at or end."),
        ] + mutable),
        RecordType(name: "expired", description: "A record that retention apply found expired: removed, or kept and why.", fields: [
            f("id", string, required: true, "The expired record's id."),
            f("record_type", oneOf(RetentionRule.RecordType.allCases.map(\.rawValue)), required: true, "Its type."),
            f("rule", string, required: true, "The rule (ret-N)."),
            f("since", time, required: true, "The time its age counts from."),
            f("action", oneOf(["removed", "kept"]), required: true, "What apply did."),
            f("reason", string, "Why it was kept."),
            f("hold", string, "The legal hold that kept it (hold-N)."),
        ]),
        RecordType(name: "retention_summary", description: "The totals of one retention apply.", fields: [
            f("id", time, required: true, "When it ran."),
            f("rules", integer, required: true, "Rules applied."),
            f("removed", integer, required: true, "Records removed."),
            f("kept", integer, required: true, "Expired records kept (held or refused by their program)."),
            f("held", integer, required: true, "Of those, how many a legal hold kept."),
        ]),
    ]
}
