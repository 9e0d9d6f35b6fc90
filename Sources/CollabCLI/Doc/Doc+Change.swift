import ArgumentParser
import CollabCore

extension CollabDoc {
    struct Mv: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "mv",
            abstract: "Move documents to another folder, or rename one with --title.",
            discussion: "Needs write access to the document and to the target folder, whose naming pattern applies.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Documents, then the target folder (a path starting with '/').") var arguments: [String]
        @Option(help: "A new title (one document only).") var title: String?
        @Option(help: "Fail with exit 73 unless the document is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        var target: String? { arguments.last.flatMap { $0.hasPrefix("/") ? $0 : nil } }
        var docs: [String] { target == nil ? arguments : Array(arguments.dropLast()) }

        func validate() throws {
            if docs.isEmpty { throw ValidationError("give the documents to move, then the target folder") }
            if target == nil && title == nil { throw ValidationError("give a target folder (a path starting with '/') or --title") }
            if (title != nil || ifRev != nil) && docs.count > 1 { throw ValidationError("--title and --if-rev take one document") }
        }

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(docs)
            let records = try ctx.write(write) { tx, actor in
                try ids.map { try Documents.move(tx, actor, $0, to: target, title: title, ifRev: ifRev).record(tx.sql) }
            }
            for r in records { try ctx.emit(r) }
        }
    }

    struct Tag: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag", abstract: "Add tags to a document (or remove them with --remove).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Argument(help: "Tags (slugs).") var tags: [String]
        @Flag(help: "Remove these tags instead.") var remove = false
        @Option(help: "Fail with exit 73 unless the document is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let record = try ctx.write(write) { tx, actor in
                try Documents.tag(tx, actor, doc, tags, remove: remove, ifRev: ifRev).record(tx.sql)
            }
            try ctx.emit(record)
        }
    }

    struct Share: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "share",
            abstract: "Give users or groups access to a document, on top of its folder's list (manage access needed).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Argument(help: "Entries USER[:LEVEL] or group:GROUP[:LEVEL]; LEVEL is read, write or manage.") var entries: [String]
        @Flag(help: "Remove these users or groups from the document's own list instead.") var revoke = false
        @Option(help: "Fail with exit 73 unless the document is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let parsed = try entries.map(AccessEntry.parse)
            let record = try ctx.write(write) { tx, actor in
                try Documents.share(tx, actor, doc, parsed, revoke: revoke, ifRev: ifRev).record(tx.sql)
            }
            try ctx.emit(record)
        }
    }

    struct Lock: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "lock",
            abstract: "Lock documents: other writers are refused (exit 73) until you unlock them.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Documents; '-' reads ids (or records) from standard input.") var docs: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(docs)
            let records = try ctx.write(write) { tx, actor in
                try ids.map { try Documents.lock(tx, actor, $0, ifRev: nil).record(tx.sql) }
            }
            for r in records { try ctx.emit(r) }
        }
    }

    struct Unlock: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock",
            abstract: "Unlock documents you locked (--force: someone else's, with manage access).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Documents; '-' reads ids (or records) from standard input.") var docs: [String]
        @Flag(help: "Break someone else's lock (manage access needed).") var force = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(docs)
            let records = try ctx.write(write) { tx, actor in
                try ids.map { try Documents.unlock(tx, actor, $0, force: force, ifRev: nil).record(tx.sql) }
            }
            for r in records { try ctx.emit(r) }
        }
    }

    struct Delete: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete draft documents with their versions (manage access needed).",
            discussion: "Only drafts can be deleted (exit 73 otherwise). Prints each deleted record as it was.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Documents; '-' reads ids (or records) from standard input.") var docs: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(docs)
            let records = try ctx.write(write) { tx, actor in try ids.map { try Documents.delete(tx, actor, $0) } }
            for r in records { try ctx.emit(r) }
        }
    }
}

extension CollabDoc {
    struct Archive: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Archive documents: read-only, kept at least for the retention period.",
            discussion: """
                --retain takes years and months (10y, P10Y, 6mo, P1Y6M) then a duration (90d, P6W), counted from now in UTC. An \
                archived document cannot be updated, moved, tagged, locked or deleted; archiving it again \
                can only extend its retention. Needs manage access.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Documents; '-' reads ids (or records) from standard input.") var docs: [String]
        @Option(help: "The retention period, e.g. 10y.") var retain: String
        @Option(help: "Fail with exit 73 unless the document is at this rev (one document).") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(docs)
            let until = try Documents.retentionEnd(retain, from: ctx.now)
            let records = try ctx.write(write) { tx, actor in
                try ids.map { try Documents.archive(tx, actor, $0, until: until, ifRev: ifRev).record(tx.sql) }
            }
            for r in records { try ctx.emit(r) }
        }
    }
}
