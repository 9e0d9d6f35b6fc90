extension RecordSchemas {
    /// The record type of legal holds (collab-admin hold).
    static let holdsTypes: [RecordType] = [
        RecordType(name: "hold", description: "A legal hold: what it covers cannot be deleted until it is lifted.", fields: [
            f("id", string, required: true, "hold-N."),
            f("target", string, required: true, "The held document (doc-N), folder (/path, with its sub-folders) or channel."),
            f("target_type", oneOf(["doc", "folder", "channel"]), required: true, "doc, folder or channel."),
            f("why", string, required: true, "Why it was placed (a case, a court order)."),
            f("by", slug, required: true, "The admin who placed it."),
            f("status", oneOf(["active", "lifted"]), required: true, "active until lifted."),
            f("lifted", time, "When it was lifted."),
            f("lifted_by", slug, "Who lifted it."),
            f("lift_why", string, "Why it was lifted."),
        ] + mutable),
    ]
}
