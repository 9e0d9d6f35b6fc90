import ArgumentParser
import CollabCore

/// `collab-admin`: the store, users, groups, the audit log and the change feed.
package struct CollabAdmin: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-admin",
        abstract: "Administer a collab store: users, groups, keys, audit, holds, retention, stats, GDPR, backup, doctor.",
        discussion: """
            Records are printed as NDJSON when standard output is not a terminal (see collab(7)).
            Exit codes: 0 done, 1 not found, 64 usage, 65 bad input, 73 conflict, 74 I/O,
            75 busy, 77 permission denied, 78 configuration. See collab-admin(1).
            """,
        version: CommandRunner.version,
        subcommands: [Init.self, UserCommand.self, GroupCommand.self, Audit.self, Feed.self, Schema.self, Key.self, HoldCommand.self, RetentionCommand.self, StatsCommand.self, GDPRCommand.self, BackupCommand.self, RestoreCommand.self, MigrateStoreCommand.self, DoctorCommand.self]
    )

    package init() {}
}

extension CollabAdmin {
    /// `collab-admin init`: creates the store and its first admin.
    struct Init: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the store (0600, in a 0700 folder) and its first admin.",
            discussion: "Running it again on an initialised store changes nothing if the admin exists.")
        static var storeAccess: StoreAccess { .none }

        @Option(help: ArgumentHelp("The first admin's id (default: the acting user).", valueName: "user"))
        var admin: String?
        @Option(help: "The first admin's full name.") var name: String?
        @Option(help: "The first admin's email.") var email: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let id = try Slug.validate(admin ?? ctx.actingUserId, field: "admin")
            let location = try ctx.location()
            let (store, created) = try Store.create(location, busyTimeout: ctx.busyTimeout)
            // A failed first init leaves no half-made store behind.
            var done = false
            defer { if created && !done { location.remove() } }
            let admin = try store.write(actor: id, now: ctx.now) { tx -> User in
                if let existing = try Directory.user(tx.sql, id) {
                    guard existing.role == .admin else {
                        throw CollabError.conflict("the store is already initialised and '\(id)' is not an admin")
                    }
                    return existing
                }
                if try tx.sql.int("SELECT count(*) FROM users WHERE role = 'admin'") ?? 0 > 0 {
                    throw CollabError.conflict("the store is already initialised; an admin adds users with 'collab-admin user add'")
                }
                let bootstrap = Actor(id: id, role: .admin)
                return try Directory.addUser(tx, bootstrap, UserSpec(id: id, name: name ?? id, email: email, role: .admin)).0
            }.result
            done = true
            try ctx.emit(admin.record)
        }
    }
}
