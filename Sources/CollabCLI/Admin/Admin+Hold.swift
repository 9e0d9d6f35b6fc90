import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin hold …`
    struct HoldCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Place, list and lift legal holds (admin only).",
            discussion: """
                A hold on a document, a folder (and everything under it) or a channel (and its
                messages) blocks every deletion of what it covers, by anyone and by retention,
                until it is lifted: such a deletion fails with exit 73 naming the hold.
                """,
            subcommands: [Add.self, List.self, Remove.self])
    }
}

extension CollabAdmin.HoldCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Place a legal hold on documents, folders or channels (admin only).",
            discussion: """
                A target is a document (doc-7), a folder path (/rh/contentieux) or a channel
                slug; write doc:, folder: or channel: before it to be explicit. One hold is
                placed per target. The same target already held for the same reason, or a
                repeated --key, changes nothing.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Documents, folders or channels; '-' reads them from standard input.") var targets: [String]
        @Option(help: "Why (a case reference, a court order): required; '-' reads it from standard input.") var why: String
        @Option(help: "An external key (unique per hold): repeating the add with it changes nothing.") var key: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if key != nil && targets.count > 1 { throw ValidationError("--key takes a single target") }
        }

        func run(_ ctx: Context) throws {
            let targets = try ctx.ids(targets)
            let why = try ctx.text(why, field: "why")
            let holds = try ctx.write(write) { tx, actor in
                try targets.map { try Holds.add(tx, actor, target: $0, why: why, key: key).0 }
            }
            for h in holds { try ctx.emit(h.record) }
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the holds in force, in id order (admin only).")

        @Flag(help: "Also the lifted holds.") var all = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in try Holds.each(sql, actor, all: all) { try ctx.emit($0.record); return true } }
        }
    }

    struct Remove: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Lift legal holds (admin only).",
            discussion: "A lifted hold stays on record (hold list --all) with who lifted it, when and why. Lifting it again changes nothing.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Hold ids (hold-3 or 3); '-' reads ids (or records) from standard input.") var holds: [String]
        @Option(help: "Why the hold is lifted.") var why: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(holds)
            let lifted = try ctx.write(write) { tx, actor in try ids.map { try Holds.lift(tx, actor, $0, why: why).0 } }
            for h in lifted { try ctx.emit(h.record) }
        }
    }
}
