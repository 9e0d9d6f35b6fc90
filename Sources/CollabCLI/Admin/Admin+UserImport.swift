import ArgumentParser
import CollabCore

extension CollabAdmin.UserCommand {
    struct Import: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import users from NDJSON or from an HR CSV export (admin only).",
            discussion: """
                CSV columns: id,name,email,groups,role,manager (and optionally key, status); groups \
                are separated by ';', '|' or spaces. The format is guessed from the file name \
                (.csv, .ndjson, .jsonl, .json) or the first character ('{' is NDJSON).
                Every line is checked; if any is bad, each bad line is reported with its line \
                number and nothing is written (exit 65; exit 73 if a line conflicts). With \
                --skip-invalid the good lines are written and the bad ones reported (exit 0). \
                Importing the same file twice changes nothing. The import is one transaction.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The file to read; '-' or nothing reads standard input.") var file: String = "-"
        @Option(name: .customLong("input-format"), help: "csv or ndjson (default: guessed).") var inputFormat: UserImport.Format?
        @Flag(help: "Change existing users whose attributes differ, instead of refusing.") var update = false
        @Flag(name: .customLong("skip-invalid"), help: "Write the good lines and report the bad ones.") var skipInvalid = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let input = try LineReader(path: file)
            let format = try inputFormat ?? guess(input)
            let reporter = ctx.reporter
            let spool = try Spool()
            var worst: CollabError?
            let summary = try ctx.write(write) { tx, actor -> ImportSummary in
                let s = try UserImport.run(
                    tx, actor, input: input, format: format, update: update, skipInvalid: skipInvalid,
                    emit: { try spool.append($0) },
                    report: { e in
                        reporter.report(e)
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
            if skipInvalid && summary.invalid > 0 {
                reporter.warn("\(summary.invalid) bad line\(summary.invalid == 1 ? "" : "s") skipped")
            }
        }

        private func guess(_ input: LineReader) throws -> UserImport.Format {
            let lower = file.lowercased()
            if lower.hasSuffix(".csv") { return .csv }
            if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") { return .ndjson }
            return try input.peekFirstByte() == UInt8(ascii: "{") ? .ndjson : .csv
        }
    }
}

extension UserImport.Format: ExpressibleByArgument {}
