import ArgumentParser
import CollabCore

extension MsgInterchange.Format: ExpressibleByArgument {}

extension CollabMsg {
    struct Import: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import messaging history: collab NDJSON, a Mattermost bulk file, a Slack export (admins).",
            discussion: """
                ndjson reads channel and message records (as 'export' prints them; message ids are \
                kept). mattermost reads a bulk import JSONL file; slack reads an unzipped Slack \
                export folder. Missing users are created as members. Every line is checked: if one \
                is bad, each bad one is reported and nothing is written (exit 65; 73 for a conflict); \
                --skip-invalid writes the good ones. Importing the same file again changes nothing.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The file ('-' or nothing: standard input), or the Slack export folder.") var file: String = "-"
        @Option(name: .customLong("input-format"), help: "ndjson (default), mattermost or slack.") var inputFormat: MsgInterchange.Format = .ndjson
        @Flag(name: .customLong("skip-invalid"), help: "Write the good lines and report the bad ones.") var skipInvalid = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if inputFormat == .slack && file == "-" { throw ValidationError("a Slack import reads a folder: give its path") }
        }

        func run(_ ctx: Context) throws {
            let lines = inputFormat == .slack ? nil : try LineReader(path: file)
            let spool = try Spool()
            var worst: CollabError?
            let summary = try ctx.write(write) { tx, actor -> MsgImportSummary in
                let s = try Messaging.importHistory(
                    tx, actor, format: inputFormat, lines: lines, folder: inputFormat == .slack ? file : nil, skipInvalid: skipInvalid,
                    emit: { try spool.append($0) },
                    report: { e in
                        ctx.reporter.report(e)
                        if worst == nil || (worst!.kind != .conflict && e.kind == .conflict) { worst = e }
                    })
                if s.invalid > 0 && !skipInvalid {
                    throw CollabError(
                        worst?.kind == .conflict ? .conflict : .badInput,
                        "\(s.invalid) bad line\(s.invalid == 1 ? "" : "s"): nothing was imported")
                }
                return s
            }
            try spool.replay { try ctx.emit($0) }
            for (type, n) in summary.unsupported.sorted(by: { $0.key < $1.key }) {
                ctx.reporter.warn("\(n) '\(type)' line\(n == 1 ? "" : "s") skipped: collab does not keep them")
            }
            if skipInvalid && summary.invalid > 0 {
                ctx.reporter.warn("\(summary.invalid) bad line\(summary.invalid == 1 ? "" : "s") skipped")
            }
        }
    }

    struct Export: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export channels and messages: collab NDJSON records, or a Mattermost bulk import file.",
            discussion: """
                ndjson prints the channel records you may read (every channel for admins), then \
                their messages, oldest first: 'import' reads them back. mattermost (admins) prints \
                a bulk import JSONL file (version, team, channels, users, posts with replies, \
                direct channels, direct posts), whatever --format says.
                """)

        @Option(name: .customLong("output-format"), help: "ndjson (default) or mattermost.") var outputFormat: MsgInterchange.Format = .ndjson
        @Option(help: "With mattermost, the team everything goes into.") var team: String = "collab"
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if outputFormat == .slack { throw ValidationError("export writes ndjson or mattermost, not slack") }
            if !Slug.isValid(team) { throw ValidationError("invalid --team '\(team)': expected a slug") }
        }

        // A Mattermost file is JSONL whatever the output options: drop them.
        func run() throws {
            var options = global
            if outputFormat == .mattermost {
                options.format = "ndjson"
                options.fields = nil
                options.template = nil
                options.quiet = false
            }
            let code = CommandRunner.run(program: Self.programName, global: options, access: Self.storeAccess) { try run($0) }
            if code != 0 { throw ExitCode(code) }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                if outputFormat == .mattermost {
                    try Messaging.exportMattermost(sql, actor, team: team) { try ctx.emit($0) }
                } else {
                    try Messaging.exportNative(sql, actor) { try ctx.emit($0) }
                }
            }
        }
    }
}
