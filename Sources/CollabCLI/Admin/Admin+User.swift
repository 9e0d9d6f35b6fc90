import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin user …`
    struct UserCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Add, list, show, update, disable, enable and import users.",
            subcommands: [Add.self, List.self, Show.self, Update.self, Disable.self, Enable.self, Import.self])
    }
}

extension CollabAdmin.UserCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user (admin only).",
            discussion: """
                Adding a user that exists with the same attributes changes nothing (exit 0); with \
                other attributes it is a conflict (exit 73) unless --update. With --key, a repeated \
                add returns the user first created with that key. Groups that do not exist are created.

                On a PostgreSQL store, --db-role also creates the user's database role (PREFIX + id, \
                PREFIX being the store's meta db_role_prefix, the database's name and '_' by default), \
                LOGIN without a password, member of the read-only group PREFIX + 'readers', and prints \
                its db_role record after the user: connecting with it (psql), the user reads only what \
                collab would show them (row-level security). A user who has a role keeps it (no-op); \
                a role of that name that is not the user's is a conflict (exit 73). On SQLite: exit 78.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The user's id, a slug like 'jdupont'.") var id: String
        @Option(help: "Full name.") var name: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "admin, member or guest (default: member).") var role: Role?
        @Option(help: "The user's manager (a user id).") var manager: String?
        @Option(name: .customLong("group"), help: "A group to put the user in (repeat for several).") var groups: [String] = []
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Change an existing user to these attributes instead of refusing.") var update = false
        @Flag(name: .customLong("db-role"), help: "Also give the user a PostgreSQL role to read the store directly, under row-level security (PostgreSQL stores only).")
        var dbRole = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let spec = UserSpec(id: id, name: name, email: email, role: role, manager: manager, groups: groups.isEmpty ? nil : groups)
            let (user, role) = try ctx.write(write) { tx, actor in
                let user = try Directory.addUser(tx, actor, spec, key: key, update: update).0
                return (user, dbRole ? try DatabaseRoles.provision(tx, actor, user.id).0 : nil)
            }
            try ctx.emit(user.record)
            if let role { try ctx.emit(role) }
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List users, in id order.")

        @Option(help: "Only users with this role.") var role: Role?
        @Option(help: "Only users with this status (active, disabled).") var status: UserStatus?
        @Option(help: "Only members of this group.") var group: String?
        @Option(help: "Only users with this manager.") var manager: String?
        @Option(help: "At most this many.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            var f = Directory.UserFilter()
            f.role = role
            f.status = status
            f.group = group
            f.manager = manager
            f.limit = limit
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Directory.eachUser(sql, actor, f) { try ctx.emit($0.record); return true }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show users.", discussion: "Exit 1 if any of them is not found (the others are still shown).")

        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let ids = try ctx.ids(ids)
            try ctx.showEach(ids) { id in try ctx.read { try Directory.visibleUser($0, actor, id).record } }
        }
    }

    struct Update: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change users' name, email, role, manager or groups, or give them database roles (admin only).",
            discussion: """
                An empty --email or --manager clears it. --if-rev N refuses (exit 73) if the user is no longer at rev N. \
                --db-role gives each user a PostgreSQL role (see user add --db-role); a user who has one keeps it.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @Option(help: "Full name.") var name: String?
        @Option(help: "Email address ('' clears it).") var email: String?
        @Option(help: "admin, member or guest.") var role: Role?
        @Option(help: "The manager ('' clears it).") var manager: String?
        @Option(name: .customLong("add-group"), help: "Add to this group (repeatable).") var addGroups: [String] = []
        @Option(name: .customLong("remove-group"), help: "Remove from this group (repeatable).") var removeGroups: [String] = []
        @Option(name: .customLong("if-rev"), help: "Only if the user is at this rev.") var ifRev: Int64?
        @Flag(name: .customLong("db-role"), help: "Give the users PostgreSQL roles to read the store directly, under row-level security (PostgreSQL stores only).")
        var dbRole = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            var patch = UserPatch()
            patch.name = name
            patch.email = email
            patch.role = role
            patch.manager = manager
            patch.addGroups = addGroups
            patch.removeGroups = removeGroups
            let ids = try ctx.ids(ids)
            let users = try ctx.write(write) { tx, actor in
                try ids.map { id in
                    let user = try Directory.updateUser(tx, actor, id, patch, ifRev: ifRev).0
                    return (user, dbRole ? try DatabaseRoles.provision(tx, actor, user.id).0 : nil)
                }
            }
            for (u, role) in users {
                try ctx.emit(u.record)
                if let role { try ctx.emit(role) }
            }
        }
    }

    struct Disable: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Disable users: they can no longer act (admin only); --transfer-to hands over their work.",
            discussion: """
                Their records stay. The last active admin cannot be disabled (exit 73).

                With --transfer-to HEIR (one user at a time), the departure is one transaction: the \
                user's open tasks (todo, doing) are assigned to HEIR; the projects, documents and \
                channels they own become HEIR's; HEIR takes their place in the steps of active \
                circuits still to act, and in the management of their rooms; they leave every private \
                channel; then they are disabled. Every record that moved is printed in its new state, \
                the user last. Done and cancelled tasks, decisions already taken, events and messages \
                stay as they were: they are history.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @Option(name: .customLong("transfer-to"), help: ArgumentHelp("Hand the user's work over to this user first.", valueName: "heir"))
        var heir: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            guard let heir else { return try ctx.setStatus(ids, .disabled, write) }
            let ids = try ctx.ids(ids)
            guard ids.count == 1 else {
                throw CollabError(.usage, "--transfer-to takes one user at a time (\(ids.count) given)")
            }
            var moved: [JSONObject] = []
            try ctx.write(write) { tx, actor in
                moved = []
                try Offboarding.transfer(tx, actor, ids[0], to: heir) { moved.append($0) }
            }
            for r in moved { try ctx.emit(r) }
        }
    }

    struct Enable: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable", abstract: "Enable disabled users again (admin only).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws { try ctx.setStatus(ids, .active, write) }
    }
}

extension Context {
    func setStatus(_ ids: [String], _ status: UserStatus, _ write: WriteOptions) throws {
        let ids = try self.ids(ids)
        let users = try self.write(write) { tx, actor in try ids.map { try Directory.setStatus(tx, actor, $0, status).0 } }
        for u in users { try emit(u.record) }
    }
}

extension Role: ExpressibleByArgument {}
extension UserStatus: ExpressibleByArgument {}
