import ArgumentParser
import CollabCore

extension CollabTask {
    struct Import: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import tasks: collab's task records (NDJSON) or, with --format taskwarrior, Taskwarrior's JSON.",
            discussion: """
                Tasks are matched by uuid: a known task is updated when it differs and left alone \
                otherwise, so importing the same file twice changes nothing. Taskwarrior's 'task export' \
                (a JSON array) and one object per line are both read. Missing projects are created \
                (private, yours). depends and parent name tasks of the file (by uuid or id) or of the \
                store. If any line is bad, each bad line is reported and nothing is written (exit 65); \
                with --skip-invalid the good lines are written (exit 0). Prints the imported tasks.
                """)
        static var storeAccess: StoreAccess { .write }
        static var domainFormats: [String] { ["taskwarrior"] }

        @Argument(help: "The file to read; '-' or nothing reads standard input.") var file: String = "-"
        @Flag(name: .customLong("skip-invalid"), help: "Write the good lines and report the bad ones.") var skipInvalid = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let input = try LineReader(path: file)
            let format: TaskInterchange.Format = ctx.domainFormat == "taskwarrior" ? .taskwarrior : .collab
            let reporter = ctx.reporter
            let spool = try Spool()
            let zone = try ctx.zone().identifier
            let summary = try ctx.write(write) { tx, actor -> ImportSummary in
                let s = try TaskInterchange.run(
                    tx, actor, input: input, format: format, skipInvalid: skipInvalid, zone: zone,
                    emit: { try spool.append($0) }, report: { reporter.report($0) })
                if s.invalid > 0 && !skipInvalid {
                    throw CollabError(.badInput, "\(s.invalid) bad line\(s.invalid == 1 ? "" : "s"): nothing was imported")
                }
                return s
            }
            try spool.replay { try ctx.emit($0) }
            if skipInvalid && summary.invalid > 0 {
                reporter.warn("\(summary.invalid) bad line\(summary.invalid == 1 ? "" : "s") skipped")
            }
        }
    }

    struct Export: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export tasks (every status unless --status), as task records or, with --format taskwarrior, Taskwarrior JSON.",
            discussion: """
                Takes the filters of list. Streams in id order. '--format taskwarrior' prints one \
                Taskwarrior object per line, which 'task import' reads; comments become annotations.
                """)
        static var domainFormats: [String] { ["taskwarrior"] }

        @OptionGroup var filters: TaskFilterOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let f = try filters.filter(ctx, actor: actor, defaultAll: true)
            let tw = ctx.domainFormat == "taskwarrior"
            try ctx.read { sql in
                let taskwarrior = tw ? try TaskInterchange.TaskwarriorExport(sql) : nil
                try Tasks.each(sql, actor, f, now: ctx.now) { t in
                    try ctx.emit(try taskwarrior?.object(t) ?? t.record())
                    return true
                }
            }
        }
    }
}
