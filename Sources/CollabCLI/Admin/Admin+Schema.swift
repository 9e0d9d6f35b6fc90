import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin schema`: JSON Schemas of the records, for agents and validators.
    struct Schema: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema of each record type (or of one).",
            discussion: "Needs no store. Prints one 'schema' record per type: {\"type\":\"schema\",\"id\":TYPE,\"schema\":{…JSON Schema…}}.")
        static var storeAccess: StoreAccess { .none }

        @Argument(help: "A record type (user, group, change, refusal, verification, error).") var type: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            if let type {
                guard let t = RecordSchemas.named(type) else {
                    throw CollabError(.notFound, "record type '\(type)' not found (known: \(RecordSchemas.all.map(\.name).joined(separator: ", ")))")
                }
                try ctx.emit(t.record)
            } else {
                for t in RecordSchemas.all { try ctx.emit(t.record) }
            }
        }
    }
}
