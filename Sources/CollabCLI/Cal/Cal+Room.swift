import ArgumentParser
import CollabCore

extension CollabCal {
    /// `collab-cal room …`
    struct RoomCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "room", abstract: "Add, list and show rooms.", subcommands: [Add.self, List.self, Show.self])
    }
}

extension CollabCal.RoomCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a room (admin only).",
            discussion: "Adding a room that exists with the same attributes changes nothing; with others it is a conflict (exit 73) unless --update.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The room's id, a slug like 'salle-conseil'.") var id: String
        @Option(help: "Its name (default: the id).") var name: String?
        @Option(help: "How many seats.") var capacity: Int64?
        @Option(help: "Where it is.") var location: String?
        @Option(name: .customLong("manager"), help: "A user who may force bookings (repeatable, or a comma list).") var managers: [String] = []
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @Flag(help: "Change an existing room to these attributes instead of refusing.") var update = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let list = commaList(managers)
            let r = try ctx.write(write) { tx, actor in
                try Cal.addRoom(
                    tx, actor, id: id, name: name, capacity: capacity, location: location, managers: list.isEmpty ? nil : list,
                    key: key, update: update).0
            }
            try ctx.emit(r.record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List rooms, in id order.")
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            _ = try ctx.actor()
            try ctx.read { sql in try Cal.eachRoom(sql) { try ctx.emit($0.record) } }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show rooms.")
        @Argument(help: "Room ids; '-' reads ids (or records) from standard input.") var ids: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            _ = try ctx.actor()
            try ctx.showEach(try ctx.ids(ids)) { id in try ctx.read { try Cal.requireRoom($0, id).record } }
        }
    }
}
