import ArgumentParser
import CollabCore

extension CollabDoc {
    /// `collab-doc circuit …`
    struct CircuitCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circuit",
            abstract: "Start a validation circuit on a document; show its bordereau.",
            subcommands: [Start.self, Show.self])
    }

    struct Pending: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "pending",
            abstract: "List the documents awaiting your decision, directly or by delegation (the parapheur's inbox).",
            discussion: "Each doc record carries the circuit, the step, its kind, its due time and on_behalf_of when you would act for someone else.")

        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Circuits.eachPending(sql, actor, now: RFC3339.format(ctx.now)) { p in
                    var r = try p.docRecord(sql)
                    r["circuit"] = .string(p.circuit.id)
                    r["step"] = .int(p.step.n)
                    r["kind"] = .string(p.step.kind.rawValue)
                    r.set("due", p.step.due)
                    r.set("on_behalf_of", p.onBehalfOf)
                    try ctx.emit(r)
                    return true
                }
            }
        }
    }

    /// approve, reject: a decision on the active step.
    struct Approve: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Give your visa on the active step of a document's circuit.",
            discussion: "Prints the decision and the circuit. --for picks whose delegation you use when several apply.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Option(help: "A comment.") var comment: String?
        @Option(name: .customLong("for"), help: "Act on behalf of this user (who delegated to you).") var forUser: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let comment = try comment.map { try ctx.text($0, field: "comment") }
            let (d, c) = try ctx.write(write) { tx, actor in
                let (d, c) = try Circuits.decide(tx, actor, doc, .approve, comment: comment, forUser: forUser)
                return (d.record(), try c.record(tx.sql))
            }
            try ctx.emit(d)
            try ctx.emit(c)
        }
    }

    struct Reject: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject",
            abstract: "Reject a document on the active step: the circuit ends and the document returns to draft.",
            discussion: "The comment is required ('-' reads it from standard input). The owner sees the rejection in the change feed.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Option(help: "Why (required).") var comment: String
        @Option(name: .customLong("for"), help: "Act on behalf of this user (who delegated to you).") var forUser: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let comment = try ctx.text(comment, field: "comment")
            let (d, c) = try ctx.write(write) { tx, actor in
                let (d, c) = try Circuits.decide(tx, actor, doc, .reject, comment: comment, forUser: forUser)
                return (d.record(), try c.record(tx.sql))
            }
            try ctx.emit(d)
            try ctx.emit(c)
        }
    }

    struct Undo: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Take back your latest decision on a document while the next step has not acted.",
            discussion: "A rejection cannot be undone: it ended the circuit. Prints the undo decision and the circuit.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Option(help: "A comment.") var comment: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let (d, c) = try ctx.write(write) { tx, actor in
                let (d, c) = try Circuits.undo(tx, actor, doc, comment: comment)
                return (d.record(), try c.record(tx.sql))
            }
            try ctx.emit(d)
            try ctx.emit(c)
        }
    }

    struct Delegate: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delegate",
            abstract: "Let another user act on your circuit steps for a while.",
            discussion: "Their decisions record on_behalf_of. An admin may delegate for another user with --user.")
        static var storeAccess: StoreAccess { .write }

        @Option(help: "Who may act for you.") var to: String
        @Option(help: "From when (default: now).") var from: String?
        @Option(help: "Until when (required).") var until: String
        @Option(help: "Delegate for this user (admin only).") var user: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let start = try from.map { try ctx.time($0, field: "from") } ?? ctx.now
            let end = try ctx.time(until, field: "until")
            let d = try ctx.write(write) { tx, actor in
                try Circuits.delegate(tx, actor, user: user, to: to, from: start, until: end)
            }
            try ctx.emit(d.record)
        }
    }

    struct Delegations: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delegations",
            abstract: "List the delegations you gave or received (an admin: all).")

        @Flag(help: "Only those in force now.") var current = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try Circuits.eachDelegation(sql, actor, current: current, now: RFC3339.format(ctx.now)) {
                    try ctx.emit($0.record)
                    return true
                }
            }
        }
    }
}

extension CollabDoc.CircuitCommand {
    struct Start: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a circuit on a document's current version, which it freezes.",
            discussion: """
                Steps, in order: KIND:USER[,USER…][:MODE] or KIND:group:GROUP[:MODE]; KIND is visa, \
                signature or seal; MODE is all (default for users) or any (default for a group). \
                A seal step names the group holding the organisation's seal key.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document (a draft).") var doc: String
        @Option(name: .customLong("step"), help: "A step (repeat, in order).") var steps: [String] = []
        @Option(help: "When every step is due, e.g. +5d.") var due: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if steps.isEmpty { throw ValidationError("give at least one --step") }
        }

        func run(_ ctx: Context) throws {
            let due = try due.map { try ctx.time($0, field: "due") }
            let record = try ctx.write(write) { tx, actor in
                try Circuits.start(tx, actor, doc, steps: steps, due: due).0.record(tx.sql)
            }
            try ctx.emit(record)
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a document's circuit: each step, who acted, on whose behalf, when, with what comment.")

        @Argument(help: "The document.") var doc: String
        @Flag(help: "Every circuit of the document, oldest first (default: the newest).") var all = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                let d = try Documents.readableDocument(sql, actor, doc)
                if all {
                    try Circuits.eachCircuit(sql, d.id) { try ctx.emit(try $0.record(sql)); return true }
                } else {
                    guard let c = try Circuits.latest(sql, d.id) else { throw CollabError(.notFound, "\(d.id) has no circuit") }
                    try ctx.emit(try c.record(sql))
                }
            }
        }
    }
}
