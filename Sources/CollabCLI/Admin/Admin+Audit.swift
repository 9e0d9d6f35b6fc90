import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin audit …`
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Read and verify the audit chain (admin only).",
            subcommands: [List.self, Verify.self])
    }
}

/// The filters `audit list` and `feed` share.
struct ChangeFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only changes after this seq.", valueName: "seq")) var since: Int64 = 0
    @Option(name: .customLong("type"), help: ArgumentHelp("Only changes to records of this type (repeatable).", valueName: "type"))
    var types: [String] = []
    @Option(help: "Only changes made by this user.") var actor: String?
    @Option(help: ArgumentHelp("Only changes to the record with this id.", valueName: "id")) var record: String?

    func validate() throws {
        if since < 0 { throw ValidationError("invalid --since '\(since)': expected a seq, 0 or more") }
    }

    var filter: ChangeFilter {
        var f = ChangeFilter()
        f.afterSeq = since
        f.types = types
        f.actor = actor
        f.recordId = record
        return f
    }
}

extension CollabAdmin.Audit {
    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List change records, oldest first.",
            discussion: "Refused actions appear as changes to 'refusal' records.")

        @OptionGroup var filter: ChangeFilterOptions
        @Option(help: "Only changes at or after this time.") var from: String?
        @Option(help: "Only changes before this time.") var to: String?
        @Option(help: "At most this many.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            try Access.requireAdmin(try ctx.actor(), "read the audit log")
            var f = filter.filter
            f.from = try from.map { RFC3339.format(try ctx.time($0, field: "from")) }
            f.to = try to.map { RFC3339.format(try ctx.time($0, field: "to")) }
            f.limit = limit
            try ctx.read { sql in try AuditLog.each(sql, f) { try ctx.emit($0.output()); return true } }
        }
    }

    struct Verify: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Re-check the whole audit chain.",
            discussion: """
                Prints one 'verification' record. Exit 0 when every entry's hash, its link to the \
                entry before, the sequence and the saved head agree; exit 65 when an entry was \
                altered, removed, inserted or reordered (each problem is listed). Entries redacted \
                by an erasure are listed under 'redacted' and do not fail the check.
                """)


        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            try Access.requireAdmin(try ctx.actor(), "verify the audit log")
            let report = try ctx.read { try AuditLog.verify($0) }
            try ctx.emit(report.record)
            if !report.ok {
                throw CollabError(.badInput, "the audit chain does not verify: \(report.problemCount) problem\(report.problemCount == 1 ? "" : "s"), first at seq \(report.problems.first?.seq ?? 0)")
            }
        }
    }
}
