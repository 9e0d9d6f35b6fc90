import ArgumentParser
import CollabCore

/// The options every command takes (SPEC §2), pulled in with `@OptionGroup`.
package struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a file path, or a postgresql:// URL (env COLLAB_DB).", valueName: "path|url"))
    package var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The acting user (env COLLAB_USER; default: the login name).", valueName: "user"))
    package var actingUser: String?

    @Option(name: .long, help: ArgumentHelp("Output format: ndjson, json, table, tsv, csv (env COLLAB_FORMAT; default: table on a terminal, ndjson otherwise).", valueName: "format"))
    package var format: String?

    @Option(name: .long, help: ArgumentHelp("Keep these fields, in this order.", valueName: "a,b,..."))
    package var fields: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Render each record with a Mustache template, e.g. '{{id}} {{name}}'.", valueName: "template"))
    package var template: String?

    @Flag(name: [.short, .long], help: "Print ids only, one a line.")
    package var quiet = false

    @Option(name: .long, help: ArgumentHelp("IANA time zone for reading and showing local times (env TZ).", valueName: "zone"))
    package var tz: String?

    @Option(name: .long, help: ArgumentHelp("How long to wait for a writer's lock before exit 75, e.g. 5s, 500ms, 1m (env COLLAB_BUSY_TIMEOUT).", valueName: "duration"))
    package var busyTimeout: String?

    package init() {}

    /// Formats that some commands of some programs read or write besides the record formats
    /// (`taskwarrior`, `ics`, `mattermost`): accepted here, then refused (exit 64) by every
    /// command that does not list it in `CollabCommand.domainFormats`.
    package static let domainFormats: Set<String> = ["taskwarrior", "ics", "mattermost", "slack"]

    package func validate() throws {
        if let format, OutputFormat(rawValue: format) == nil, !Self.domainFormats.contains(format) {
            throw ValidationError("invalid --format '\(format)': expected ndjson, json, table, tsv or csv")
        }
        if let fields, fieldList(fields).isEmpty {
            throw ValidationError("invalid --fields '\(fields)': expected field names separated by commas")
        }
        if quiet && template != nil { throw ValidationError("--quiet and --template cannot be used together") }
        if let busyTimeout, Self.seconds(busyTimeout) == nil {
            throw ValidationError("invalid --busy-timeout '\(busyTimeout)': expected a duration like 5s, 500ms or 1m")
        }
    }

    /// The field names of `--fields`.
    package var fieldNames: [String]? { fields.map(fieldList) }

    private func fieldList(_ s: String) -> [String] {
        s.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// Seconds in `5s`, `500ms`, `1m`, `2` (seconds), or nil.
    package static func seconds(_ text: String) -> Double? {
        let t = text.trimmingSpaces.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let v = Double(t.dropLast(suffix.count)), v >= 0, v.isFinite else { return nil }
            return v * factor
        }
        guard let v = Double(t), v >= 0, v.isFinite else { return nil }
        return v
    }
}

/// `--dry-run`, taken by every command that writes.
package struct WriteOptions: ParsableArguments {
    @Flag(name: .long, help: "Validate and print the change records this would write; write nothing.")
    package var dryRun = false

    package init() {}
}
