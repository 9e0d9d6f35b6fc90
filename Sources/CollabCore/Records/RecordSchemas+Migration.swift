extension RecordSchemas {
    /// The record type of collab-admin migrate-store.
    static let migrationTypes: [RecordType] = [
        RecordType(
            name: "migration",
            description: "A whole store copied by collab-admin migrate-store (also the last change of the target's chain).",
            fields: [
                f("id", string, required: true, "migration-SEQ: the seq of the change that records it."),
                f("from", string, required: true, "The source: sqlite:/absolute/path, or its PostgreSQL URL without the password."),
                f("to", string, required: true, "The target, in the same form."),
                f("schema", integer, required: true, "The schema version of both stores."),
                f("tables", object, required: true, "Rows copied per table (search indexes are rebuilt, not copied)."),
                f("rows", integer, required: true, "Rows copied in all."),
                f("changes", integer, required: true, "Entries of the audit chain copied."),
                f("source_seq", integer, required: true, "The seq of the source's newest change."),
                f("source_hash", string, required: true, "The hash of the source's newest change (the copied chain's head)."),
                f("seq", integer, required: true, "The seq of the change recording the migration."),
                f("ts", time, required: true, "When it was migrated."),
                f("head_hash", string, "The target's new head hash, after the migration change (printed, not in the chain)."),
                f("seconds", [("type", .string("number"))], "How long it took (printed, not in the chain)."),
            ]),
    ]
}
