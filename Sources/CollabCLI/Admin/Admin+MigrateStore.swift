import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin migrate-store --from STORE --to STORE`
    struct MigrateStoreCommand: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-store",
            abstract: "Copy a whole store, audit chain included, into a new SQLite file or PostgreSQL database (admin only).",
            discussion: """
                STORE is sqlite:PATH (or a plain path) or a postgresql:// URL, in either direction. The \
                source is read in one snapshot (an older schema is upgraded first); --db and COLLAB_DB \
                are not used. The target must be empty: a missing or empty file, a database without \
                tables, or a collab schema without data (exit 73 otherwise). It gets the current schema, \
                then every table is copied, the search indexes rebuilt and the copy verified (row counts \
                per table, every value read back and compared by digest, audit verify with the source's head hash) in ONE transaction on the target, \
                which ends with one 'migration' change appended to the copied chain. Any failure rolls \
                it back: nothing is left in the target (a file it created is removed). Exit 65 when \
                verification fails or the target refuses a row, 77 unless the acting user is an active \
                admin of the source, 78 for a missing source or a bad STORE, 69 when a server cannot be \
                reached. Prints one 'migration' record.
                """)
        static var storeAccess: StoreAccess { .none }

        @Option(help: ArgumentHelp("The store to copy: sqlite:PATH or postgresql://…", valueName: "store")) var from: String
        @Option(help: ArgumentHelp("The empty store to fill: sqlite:PATH or postgresql://…", valueName: "store")) var to: String
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let source = try StoreMigration.location(from, option: "--from", environment: ctx.environment)
            let target = try StoreMigration.location(to, option: "--to", environment: ctx.environment)
            let record = try StoreMigration.migrate(
                from: source, to: target, actor: ctx.actingUserId, now: ctx.now, busyTimeout: ctx.busyTimeout)
            try ctx.emit(record)
        }
    }
}
