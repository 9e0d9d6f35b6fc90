import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin backup FILE`
    struct BackupCommand: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the store into a file while others keep writing (admin only).",
            discussion: """
                Uses SQLite's online backup: the copy is one consistent snapshot holding every \
                change committed before it began, taken without stopping writers. It is written \
                under a temporary name in FILE's folder, flushed to disk, then renamed, so FILE is \
                never half-written; it is created 0600. An existing FILE is a conflict (exit 73) \
                unless --force. Prints one 'backup' record: file, size, sha256 (of the file), seq \
                (the newest change it holds), schema, compressed, ts. FILE must be a path (not -).
                """)

        @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file")) var file: String
        static var storeAccess: StoreAccess { .write }

        @Flag(help: "Write it gzip-compressed.") var compress = false
        @Flag(help: "Replace FILE if it exists.") var force = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if file == "-" { throw ValidationError("invalid file '-': backup writes to a file path, not to standard output") }
        }

        func run(_ ctx: Context) throws {
            try Access.requireAdmin(try ctx.actor(), "back up the store")
            let made = try Backup.make(
                try ctx.store(), to: file, compress: compress, force: force, now: ctx.now, busyTimeout: ctx.busyTimeout)
            try ctx.emit(made.record)
        }
    }

    /// `collab-admin restore FILE`
    struct RestoreCommand: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Replace the store's content with a verified backup (admin only).",
            discussion: """
                FILE may be gzip-compressed (recognised by its first bytes). It is checked first, \
                on a copy beside the store: an SQLite database, PRAGMA integrity_check, a collab \
                store, its audit chain (exit 65 naming the failed check); a newer schema is exit \
                78, an older one is upgraded. The acting user must be an active admin in the \
                backup, and in the store when it opens (exit 77). A store with changes the backup \
                lacks, with another history, or that does not open, is replaced only with --force \
                (exit 73). The restore is recorded as one change appended to the backup's chain; \
                the store is then rewritten with SQLite's online backup under its write lock \
                (other programs wait). A missing store is created. Prints one 'restore' record.
                """)
        static var storeAccess: StoreAccess { .none }

        @Argument(help: ArgumentHelp("The backup to restore.", valueName: "file")) var file: String
        @Flag(help: "Replace a store that has newer changes, another history, or does not open.") var force = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let done = try Backup.restore(
                file, into: try ctx.location(), actor: ctx.actingUserId, force: force, now: ctx.now, busyTimeout: ctx.busyTimeout)
            try ctx.emit(done.record)
        }
    }
}
