/// JSON Schemas of the record types the programs print and read (`collab-admin schema`),
/// so that an agent can discover the formats. A domain adds its types to `all`.
package enum RecordSchemas {
    /// One field of a record type.
    package struct Field: Sendable {
        let name: String
        let schema: JSONObject
        let required: Bool
    }

    /// A record type and its fields.
    package struct RecordType: Sendable {
        package let name: String
        let description: String
        let fields: [Field]

        /// The field names, in the order records print them.
        package var fieldNames: [String] { fields.map(\.name) }

        /// The `schema` record: the type's name and its JSON Schema.
        package var record: JSONObject {
            JSONObject([("type", .string("schema")), ("id", .string(name)), ("schema", .object(jsonSchema))])
        }

        /// The JSON Schema (draft 2020-12) of this record type.
        package var jsonSchema: JSONObject {
            var props = JSONObject()
            props["type"] = .object(JSONObject([("const", .string(name))]))
            for f in fields { props[f.name] = .object(f.schema) }
            return JSONObject([
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string("collab:\(name)")),
                ("title", .string(name)),
                ("description", .string(description)),
                ("type", .string("object")),
                ("properties", .object(props)),
                ("required", .array((["type"] + fields.filter(\.required).map(\.name)).map(JSONValue.string))),
            ])
        }
    }

    static func f(_ name: String, _ schema: [(String, JSONValue)], required: Bool = false, _ description: String) -> Field {
        var s = JSONObject(schema)
        s["description"] = .string(description)
        return Field(name: name, schema: s, required: required)
    }

    static let string: [(String, JSONValue)] = [("type", .string("string"))]
    static let integer: [(String, JSONValue)] = [("type", .string("integer"))]
    static let boolean: [(String, JSONValue)] = [("type", .string("boolean"))]
    static let time: [(String, JSONValue)] = [("type", .string("string")), ("format", .string("date-time"))]
    static let slug: [(String, JSONValue)] = [("type", .string("string")), ("pattern", .string("^[a-z0-9][a-z0-9._-]{0,63}$"))]
    static let strings: [(String, JSONValue)] = [("type", .string("array")), ("items", .object(JSONObject([("type", .string("string"))])))]
    static let object: [(String, JSONValue)] = [("type", .string("object"))]
    static func oneOf(_ values: [String]) -> [(String, JSONValue)] {
        [("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))]
    }

    static let mutable: [Field] = [
        f("rev", integer, required: true, "Bumped on each change; pass it to --if-rev."),
        f("created", time, required: true, "When the record was created (RFC 3339, UTC)."),
        f("updated", time, required: true, "When the record last changed (RFC 3339, UTC)."),
    ]

    /// Every record type, by name.
    package static let all: [RecordType] = [
        RecordType(name: "user", description: "A person of the administration, or an external partner (guest).", fields: [
            f("id", slug, required: true, "The user's slug."),
            f("name", string, required: true, "Full name."),
            f("email", string, "Email address."),
            f("role", oneOf(Role.allCases.map(\.rawValue)), required: true, "admin, member or guest."),
            f("groups", strings, "The groups the user belongs to."),
            f("status", oneOf(UserStatus.allCases.map(\.rawValue)), required: true, "Disabled users cannot act."),
            f("manager", slug, "The user's manager."),
        ] + mutable),
        RecordType(name: "group", description: "A set of users, such as a service.", fields: [
            f("id", slug, required: true, "The group's slug."),
            f("name", string, required: true, "Full name."),
            f("members", strings, "The members' ids."),
        ] + mutable),
        RecordType(name: "change", description: "An entry of the audit chain and change feed.", fields: [
            f("id", string, required: true, "chg-SEQ (chg-dry-run for a --dry-run)."),
            f("seq", integer, "Position in the chain, from 1 (absent in a --dry-run)."),
            f("ts", time, required: true, "When the change was written."),
            f("actor", string, required: true, "Who made it."),
            f("op", oneOf(ChangeOp.allCases.map(\.rawValue)), required: true, "What happened."),
            f("record_type", string, required: true, "The type of the record changed."),
            f("record_id", string, required: true, "The id of the record changed."),
            f("record", object, required: true, "The record after the change (before it, for a delete)."),
            f("hash", string, "SHA-256 of this entry (absent in a --dry-run)."),
            f("prev_hash", string, "SHA-256 of the entry before."),
            f("redacted", object, "When and by whom the record was redacted."),
        ]),
        RecordType(name: "refusal", description: "A refused action (exit 77), kept in the audit chain.", fields: [
            f("id", string, required: true, "ref-N."),
            f("actor", string, required: true, "Who tried."),
            f("program", string, required: true, "The program."),
            f("command", string, required: true, "The command words."),
            f("reason", string, required: true, "Why it was refused."),
            f("ts", time, required: true, "When."),
        ]),
        RecordType(name: "verification", description: "The result of 'collab-admin audit verify'.", fields: [
            f("id", string, required: true, "Always 'audit'."),
            f("ok", boolean, required: true, "Whether the chain is whole."),
            f("changes", integer, required: true, "How many entries were checked."),
            f("head_seq", integer, required: true, "The newest entry's seq."),
            f("head_hash", string, required: true, "The newest entry's hash."),
            f("redacted", [("type", .string("array"))], required: true, "Redacted entries: seq, when, by whom."),
            f("problems", [("type", .string("array"))], required: true, "What is wrong: seq and problem."),
        ]),
        RecordType(name: "error", description: "A failure, on standard error with a JSON format or COLLAB_ERRORS=json.", fields: [
            f("id", string, required: true, "error-N: the errors of one run, numbered."),
            f("code", oneOf(CollabError.Kind.allCases.map(\.rawValue)), required: true, "The kind of failure."),
            f("message", string, required: true, "What went wrong."),
            f("exit", integer, required: true, "The exit code."),
            f("input_line", integer, "The bad input line, from 1."),
            f("field", string, "The bad field."),
        ]),
    ] + taskTypes + msgTypes + calTypes + docTypes + holdsTypes + retentionTypes + statsTypes + gdprTypes + backupTypes
        + migrationTypes + dbRoleTypes

    /// The record type with this name.
    package static func named(_ name: String) -> RecordType? { all.first { $0.name == name } }
}
