import ArgumentParser
import CollabCore

extension CollabDoc {
    /// `collab-doc folder …`
    struct FolderCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "folder",
            abstract: "Add, list and show folders; share them; set their naming policy.",
            subcommands: [Add.self, List.self, Show.self, Share.self, Policy.self])
    }
}

extension CollabDoc.FolderCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a folder (a path like /urbanisme/plu).",
            discussion: """
                A top-level folder may be added by any member, who owns it; a sub-folder needs write \
                access to its parent, which must exist. Folders are private unless --visibility public. \
                Adding a folder that exists with the same attributes changes nothing; with others it is a \
                conflict (exit 73) unless --update.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The folder's path: '/' then slugs separated by '/'.") var path: String
        @Option(help: "The folder's title (default: the last part of the path).") var title: String?
        @Option(help: "public (every member reads it) or private (default).") var visibility: String?
        @Option(help: "A regular expression every document title must match.") var namePattern: String?
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Change an existing folder to these attributes instead of refusing.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let visibility = try visibility.map { v -> Visibility in
                guard let parsed = Visibility(rawValue: v), parsed != .direct else {
                    throw CollabError.invalid("visibility", v, "a folder is public or private")
                }
                return parsed
            }
            let record = try ctx.write(write) { tx, actor in
                try Documents.addFolder(
                    tx, actor, path: path, title: title, visibility: visibility, namePattern: namePattern, key: key,
                    update: update
                ).0.record(tx.sql)
            }
            try ctx.emit(record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the folders you may read, in path order.")

        @Option(help: "Only this folder and those below it.") var under: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Documents.eachFolder(sql, actor, under: under) { try ctx.emit(try $0.record(sql)); return true }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show folders with their access lists.")

        @Argument(help: "Folder paths; '-' reads them (or records) from standard input.") var paths: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(paths)) { path in
                try ctx.read { sql in try Documents.readableFolder(sql, actor, path).record(sql) }
            }
        }
    }

    struct Share: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "share",
            abstract: "Give users or groups access to a folder (manage access needed).",
            discussion: "Entries: alice (read), alice:write, group:juridique:manage. Documents inherit the folder's list.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The folder.") var path: String
        @Argument(help: "Entries USER[:LEVEL] or group:GROUP[:LEVEL]; LEVEL is read, write or manage.") var entries: [String]
        @Flag(help: "Remove these users or groups from the list instead.") var revoke = false
        @Option(help: "Fail with exit 73 unless the folder is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let parsed = try entries.map(AccessEntry.parse)
            let record = try ctx.write(write) { tx, actor in
                try Documents.shareFolder(tx, actor, path, parsed, revoke: revoke, ifRev: ifRev).record(tx.sql)
            }
            try ctx.emit(record)
        }
    }

    struct Policy: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Set or clear a folder's naming pattern (manage access needed).",
            discussion: """
                The pattern is a regular expression searched in each new or changed title (anchor it with \
                ^ and $ to match the whole title). A title that breaks it is refused with exit 65. \
                Documents already in the folder are not checked again.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The folder.") var path: String
        @Option(help: "The regular expression titles must match, e.g. '^\\d{4}-\\d{2}-\\d{2}_'.") var namePattern: String?
        @Flag(help: "Remove the naming pattern.") var clear = false
        @Option(help: "Fail with exit 73 unless the folder is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if (namePattern == nil) == !clear { throw ValidationError("give either --name-pattern or --clear") }
        }

        func run(_ ctx: Context) throws {
            let record = try ctx.write(write) { tx, actor in
                try Documents.setPolicy(tx, actor, path, namePattern: clear ? nil : namePattern, ifRev: ifRev).record(tx.sql)
            }
            try ctx.emit(record)
        }
    }
}
