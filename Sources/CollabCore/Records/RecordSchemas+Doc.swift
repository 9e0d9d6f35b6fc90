extension RecordSchemas {
    static let acl: [(String, JSONValue)] = [
        ("type", .string("array")),
        ("items", .object(JSONObject([("type", .string("object"))]))),
    ]

    /// The record types of collab-doc.
    static let docTypes: [RecordType] = [
        RecordType(name: "folder", description: "A folder of documents: a space named by a path.", fields: [
            f("id", [("type", .string("string")), ("pattern", .string("^(/[a-z0-9][a-z0-9._-]{0,63})+$"))], required: true, "The folder's path, like /urbanisme/plu."),
            f("title", string, required: true, "The folder's title."),
            f("visibility", oneOf(["public", "private"]), required: true, "public: every member reads it."),
            f("owner", slug, required: true, "Who created it (manages it)."),
            f("acl", acl, required: true, "Access entries: {user|group, level}."),
            f("name_pattern", string, "A regular expression every document title must match."),
        ] + mutable),
        RecordType(name: "doc", description: "A document: its current version, its place and its state.", fields: [
            f("id", string, required: true, "doc-N."),
            f("title", string, required: true, "The title."),
            f("folder", string, required: true, "The folder's path."),
            f("owner", slug, required: true, "Who added it."),
            f("version", integer, required: true, "The current version's number, from 1."),
            f("size", integer, required: true, "The current version's size in bytes."),
            f("sha256", string, required: true, "SHA-256 of the current version, lowercase hex."),
            f("media_type", string, required: true, "The media type, from the name or the content."),
            f("status", oneOf(DocStatus.allCases.map(\.rawValue)), required: true, "Where the document is in its life."),
            f("locked_by", slug, "Who holds the lock."),
            f("tags", strings, "Tags."),
            f("acl", acl, required: true, "The document's own access entries, added to its folder's."),
            f("retain_until", time, "Archived: cannot be deleted before this time."),
            f("snippet", string, "search only: the matching text, matches in [brackets]."),
        ] + mutable),
        RecordType(name: "version", description: "One version of a document's content.", fields: [
            f("id", string, required: true, "DOC@N."),
            f("doc", string, required: true, "The document."),
            f("n", integer, required: true, "The version's number, from 1."),
            f("sha256", string, required: true, "SHA-256 of the content, lowercase hex."),
            f("size", integer, required: true, "Size in bytes."),
            f("media_type", string, required: true, "The media type."),
            f("author", slug, required: true, "Who stored it."),
            f("ts", time, required: true, "When."),
            f("note", string, "What changed."),
        ]),
    ]
}
