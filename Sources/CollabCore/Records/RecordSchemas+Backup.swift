extension RecordSchemas {
    /// The record types of backup, restore and doctor (collab-admin).
    static let backupTypes: [RecordType] = [
        RecordType(name: "backup", description: "A copy of the store written by collab-admin backup.", fields: [
            f("id", string, required: true, "The file written (absolute path)."),
            f("file", string, required: true, "The file written (absolute path)."),
            f("size", integer, required: true, "Its size in bytes."),
            f("sha256", string, required: true, "The SHA-256 of the file's bytes (compressed ones when compressed)."),
            f("seq", integer, required: true, "The seq of the newest change it holds."),
            f("schema", integer, required: true, "The schema version of the copy."),
            f("compressed", boolean, required: true, "Whether the file is gzip."),
            f("ts", time, required: true, "When it was taken."),
        ]),
        RecordType(name: "restore", description: "A backup put back by collab-admin restore (also a change in the chain).", fields: [
            f("id", string, required: true, "restore-SEQ: the seq of the change that records it."),
            f("file", string, required: true, "The backup file (absolute path)."),
            f("size", integer, required: true, "The backup file's size in bytes."),
            f("sha256", string, required: true, "The SHA-256 of the backup file."),
            f("compressed", boolean, required: true, "Whether the backup file was gzip."),
            f("backup_seq", integer, required: true, "The seq of the newest change in the backup."),
            f("replaced_seq", integer, "The seq of the newest change of the store it replaced."),
            f("discarded", integer, "How many changes of the replaced store were newer than the backup (with --force)."),
            f("seq", integer, required: true, "The seq of the change recording the restore."),
            f("ts", time, required: true, "When it was restored."),
        ]),
        RecordType(name: "check", description: "One check of collab-admin doctor.", fields: [
            f("id", string, required: true, "integrity, audit, schema, index:TABLE or orphans."),
            f("ok", boolean, required: true, "Whether it holds."),
            f("detail", string, required: true, "What was found, in a sentence."),
            f("problems", strings, "Each problem found (at most 100)."),
        ]),
        RecordType(name: "repair", description: "What collab-admin doctor --repair did for a failed check (also a change in the chain).", fields: [
            f("id", string, required: true, "The check repaired."),
            f("action", string, required: true, "What was done."),
            f("ts", time, required: true, "When."),
        ]),
    ]
}
