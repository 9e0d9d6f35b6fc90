import ArgumentParser
import CollabCore

extension RetentionRule.RecordType: ExpressibleByArgument {}

extension CollabAdmin {
    /// `collab-admin retention …`
    struct RetentionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Set, show and remove retention rules; apply them (for cron).",
            discussion: """
                A rule removes the records of a type (message, doc, task, event), narrowed by
                --where conditions, once older than its period. Age counts from: a message's
                ts, a document's updated, a task's done_at (else its updated), an event's end
                (of its last occurrence; a series without end never expires).
                """,
            subcommands: [SetRule.self, Show.self, Remove.self, Apply.self])
    }
}

extension CollabAdmin.RetentionCommand {
    struct SetRule: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a retention rule (admin only).",
            discussion: """
                Setting a rule with the same TYPE and the same conditions again changes its
                period (its rev goes up), or nothing when the period is the same.
                Fields of --where: message: channel, author; doc: folder (with its
                sub-folders), status, owner, media_type; task: project, status, assignee,
                priority; event: calendar, organizer, room.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: ArgumentHelp("The record type: message, doc, task or event.", valueName: "type"))
        var type: RetentionRule.RecordType
        @Argument(help: ArgumentHelp("How long to keep: 1y, 6mo, 2y6mo, 90d, P1Y6M (m alone is minutes).", valueName: "duration"))
        var duration: String
        @Option(name: .customLong("where"), help: ArgumentHelp("Only records whose FIELD is VALUE (repeatable, all must hold).", valueName: "field=value"))
        var conditions: [String] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let period = try RetentionPeriod.parse(duration)
            let conditions = try Retention.conditions(conditions, for: type)
            let rule = try ctx.write(write) { tx, actor in
                try Retention.set(tx, actor, type: type, period: period, conditions: conditions).0
            }
            try ctx.emit(rule.record)
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show the retention rules, in id order.")

        @Argument(help: "Rule ids (ret-2 or 2); none: every rule; '-' reads ids from standard input.") var rules: [String] = []
        @Option(help: ArgumentHelp("Only the rules of this record type.", valueName: "type")) var type: RetentionRule.RecordType?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            _ = try ctx.actor()
            if rules.isEmpty {
                try ctx.read { sql in try Retention.each(sql, type: type) { try ctx.emit($0.record); return true } }
            } else {
                try ctx.showEach(try ctx.ids(rules)) { id in try ctx.read { try Retention.require($0, id).record } }
            }
        }
    }

    struct Remove: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove retention rules (admin only); prints them as they were.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Rule ids (ret-2 or 2); '-' reads ids (or records) from standard input.") var rules: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(rules)
            let removed = try ctx.write(write) { tx, actor in try ids.map { try Retention.remove(tx, actor, $0) } }
            for r in removed { try ctx.emit(r.record) }
        }
    }

    struct Apply: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Remove what the rules say has expired, in one transaction (admin only; for cron).",
            discussion: """
                Prints an 'expired' record per expired record (action removed, or kept with the
                reason: a legal hold, an archived document before its retain_until, anything
                its program refuses to delete), then one 'retention_summary' record. Records
                are removed through their program's own delete, so their change records are
                written; messages are purged, not left as tombstones; a document goes with its
                circuits, and an archived one once its retain_until has passed. With
                --dry-run, prints the change records it would write and writes nothing.
                """)
        static var storeAccess: StoreAccess { .write }

        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            var rules = 0
            let outcomes = try ctx.write(write) { tx, actor -> [Retention.Outcome] in
                rules = Int(try tx.sql.int("SELECT count(*) FROM retention_rules") ?? 0)
                return try Retention.apply(tx, actor)
            }
            for o in outcomes { try ctx.emit(o.record) }
            let removed = outcomes.filter { $0.keptBecause == nil }.count
            try ctx.emit(JSONObject([
                ("type", .string("retention_summary")), ("id", .string(RFC3339.format(ctx.now))), ("rules", .int(Int64(rules))),
                ("removed", .int(Int64(removed))), ("kept", .int(Int64(outcomes.count - removed))),
                ("held", .int(Int64(outcomes.filter { $0.hold != nil }.count))),
            ]))
        }
    }
}
