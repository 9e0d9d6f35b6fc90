extension RecordSchemas {
    /// The record types of `collab-admin gdpr`.
    static let gdprTypes: [RecordType] = [
        RecordType(name: "erasure", description: "A GDPR erasure of a person ('collab-admin gdpr erase'), kept in the audit chain.", fields: [
            f("id", string, required: true, "era-N."),
            f("user", slug, required: true, "The person erased (the id stays: it is in the audit chain)."),
            f("by", slug, required: true, "The admin who erased them."),
            f("ts", time, required: true, "When."),
            f("counts", object, required: true, "How many things of each kind were touched (see erasure_item)."),
            f("retained", strings, "Documents kept because they are under retention."),
            f("already", boolean, "Present (true) when the person had already been erased: nothing was done."),
        ]),
        RecordType(name: "erasure_item", description: "One kind of thing an erasure touched, with how many.", fields: [
            f("id", string, required: true, "era-N/KIND."),
            f("erasure", string, required: true, "The erasure."),
            f("kind", string, required: true, "user, messages, comments, documents_deleted, documents_mentioning, external_keys, text:TABLE, changes, search_indexes."),
            f("count", integer, required: true, "How many."),
            f("ids", strings, "The ids concerned, where they are few and named (documents, the user)."),
            f("note", string, required: true, "What was done to them."),
        ]),
        RecordType(name: "retained", description: "A document an erasure kept because it is under retention: the doc record with a reason.", fields: [
            f("id", string, required: true, "doc-N."),
            f("reason", string, required: true, "Why it is kept."),
        ]),
        RecordType(name: "read_cursor", description: "Where a user stopped reading a channel (in 'gdpr export').", fields: [
            f("id", string, required: true, "USER:CHANNEL."),
            f("user", slug, required: true, "The reader."),
            f("channel", slug, required: true, "The channel."),
            f("last_read", string, required: true, "The last message read, msg-N."),
            f("updated", time, required: true, "When it moved."),
        ]),
        RecordType(name: "file", description: "A file written by 'gdpr export --dir': a document version's bytes.", fields: [
            f("id", string, required: true, "The path relative to the export folder: documents/DOC@N-TITLE."),
            f("doc", string, required: true, "The document."),
            f("version", integer, required: true, "The version."),
            f("size", integer, required: true, "Size in bytes."),
            f("sha256", string, required: true, "SHA-256 of the bytes, lowercase hex."),
            f("media_type", string, required: true, "The media type."),
        ]),
    ]
}
