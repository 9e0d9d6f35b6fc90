import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin group …`
    struct GroupCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "group",
            abstract: "Add, list and show groups; add and remove members.",
            subcommands: [Add.self, List.self, Show.self, AddMember.self, RemoveMember.self])
    }
}

extension CollabAdmin.GroupCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a group (admin only).",
            discussion: "Adding a group that exists with the same name changes nothing; with another name it is a conflict (exit 73) unless --update.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The group's id, a slug like 'urbanisme'.") var id: String
        @Option(help: "The group's full name.") var name: String?
        @Option(name: .customLong("member"), help: "A member to add (repeatable).") var members: [String] = []
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Rename an existing group instead of refusing.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let group = try ctx.write(write) { tx, actor in
                try Directory.addGroup(tx, actor, id: id, name: name, members: members, key: key, update: update).0
            }
            try ctx.emit(group.record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List groups, in id order (guests: their own).")

        @Option(help: "Only the groups of this user.") var member: String?
        @Option(help: "At most this many.") var limit: Int?

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Directory.eachGroup(sql, actor, member: member, limit: limit) { try ctx.emit($0.record); return true }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show groups with their members.")

        @Argument(help: "Group ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(ids)) { id in try ctx.read { try Directory.visibleGroup($0, actor, id).record } }
        }
    }

    struct AddMember: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-member",
            abstract: "Add users to a group (admin only).",
            discussion: "Each user whose groups change is updated (its rev and its change record); members already there are left alone.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The group.") var group: String
        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var users: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let users = try ctx.ids(users)
            let g = try ctx.write(write) { tx, actor in try Directory.changeMembers(tx, actor, group: group, add: users, remove: []).0 }
            try ctx.emit(g.record)
        }
    }

    struct RemoveMember: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-member", abstract: "Remove users from a group (admin only).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The group.") var group: String
        @Argument(help: "User ids; '-' reads ids (or records) from standard input.") var users: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let users = try ctx.ids(users)
            let g = try ctx.write(write) { tx, actor in try Directory.changeMembers(tx, actor, group: group, add: [], remove: users).0 }
            try ctx.emit(g.record)
        }
    }
}
