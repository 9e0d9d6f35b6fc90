import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin gdpr …`
    struct GDPRCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gdpr",
            abstract: "Export or erase a person's data (GDPR; admin only).",
            subcommands: [Export.self, Erase.self])
    }
}

extension CollabAdmin.GDPRCommand {
    struct Export: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print every record about or by a user; with --dir, also write them and their documents' bytes.",
            discussion: """
                Records, in order: the user, their groups, channels, read cursors, messages they \
                wrote or that mention them, projects, tasks they created, are assigned or \
                commented, comments, documents they own, versioned or decided on (with those \
                versions), circuits they started, decisions, delegations, public keys, calendars, \
                events they organise or attend, rooms they manage, and the change entries they \
                made. With --dir, DIR/records.ndjson holds the same records, DIR/documents/ the \
                bytes of each version of their documents and of each version they stored, and \
                DIR/manifest.ndjson one 'file' record per file (path, size, sha256). Admin only \
                (exit 77); an unknown user is exit 1.
                """)

        @Argument(help: "The user's id.") var user: String
        @Option(help: ArgumentHelp("A folder to write records.ndjson, manifest.ndjson and documents/ into (created 0700).", valueName: "dir"))
        var dir: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in try GDPR.export(sql, actor, user, dir: dir) { try ctx.emit($0) } }
        }
    }

    struct Erase: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Anonymise a user everywhere, in one transaction, leaving no trace in the store's bytes.",
            discussion: """
                The user's name becomes '[erased]', their email is removed and they are disabled; \
                their message and comment bodies become '[erased]'; every other text naming them \
                (full name or email, as whole words) has it replaced; past change entries are \
                rewritten and marked redacted (audit verify still passes); documents they own are \
                deleted unless retained (archived with retain_until in the future), which are kept \
                and printed; search indexes are rebuilt; then the file is vacuumed and its WAL \
                emptied. The user id stays (it is in the audit chain). Prints the 'erasure' \
                record, one 'erasure_item' per kind of thing touched and one 'retained' per kept \
                document. Erasing a user again changes nothing (exit 0); erasing the last \
                active admin is refused (73). Admin only (77).
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The user's id.") var user: String
        @Flag(help: "Do not VACUUM after the erasure (freed space is still zeroed by secure_delete; for very large stores).")
        var noVacuum = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let erasure = try ctx.write(write) { tx, actor in try GDPR.erase(tx, actor, user) }
            if !write.dryRun {
                // The erasure has committed: a store too busy to be compacted now is a
                // warning (run the command again later, which compacts again), not a failure.
                let again = "run 'collab-admin gdpr erase \(user)' again later to finish"
                do {
                    let purge = try ctx.store().purgeFreedSpace(vacuum: !noVacuum)
                    if !purge.walTruncated {
                        ctx.reporter.warn("the WAL could not be emptied (another program is reading the store): \(again)")
                    }
                } catch let e as CollabError where e.kind == .busy {
                    ctx.reporter.warn("the store could not be compacted (another program is using it): \(again)")
                }
            }
            try ctx.emit(erasure.record)
            for item in erasure.items { try ctx.emit(item) }
            for doc in erasure.retained { try ctx.emit(doc) }
        }
    }
}
