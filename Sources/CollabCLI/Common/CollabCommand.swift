#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

/// How a command uses the store.
package enum StoreAccess: Sendable {
    /// Does not open the store (or opens it itself, like `init`).
    case none
    /// Opens it read-only.
    case read
    /// Opens it for writing.
    case write
}

/// The protocol of every collab command: parse, build a `Context`, call `run(_:)`, print,
/// and map any failure to the exit codes of SPEC §6.
package protocol CollabCommand: ParsableCommand {
    /// The common options.
    var global: GlobalOptions { get }
    /// How the command uses the store.
    static var storeAccess: StoreAccess { get }
    /// The domain formats (`GlobalOptions.domainFormats`) this command reads or writes;
    /// with one of them, `Context.domainFormat` is set and records print as NDJSON.
    static var domainFormats: [String] { get }
    /// Does the work.
    func run(_ context: Context) throws
}

extension CollabCommand {
    package static var storeAccess: StoreAccess { .read }
    package static var domainFormats: [String] { [] }

    package func run() throws {
        let code = CommandRunner.run(
            program: Self.programName, global: global, access: Self.storeAccess, domainFormats: Self.domainFormats
        ) { try run($0) }
        if code != 0 { throw ExitCode(code) }
    }

    static var programName: String {
        let path = CommandLine.arguments.first ?? "collab"
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// Runs a command body with its context and reports failures, in one place.
package enum CommandRunner {
    /// The version all five programs print.
    package static let version = "0.1.0"

    /// Runs `body`; returns the exit code.
    package static func run(
        program: String, global: GlobalOptions, access: StoreAccess, domainFormats: [String] = [], _ body: (Context) throws -> Void
    ) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let env = ProcessEnvironment.environment
        let sink = StandardOutput()
        var context: Context?
        let reporter = ErrorReporter(program: program, json: ErrorReporter.wantsJSON(global, env))
        do {
            let ctx = try Context(
                program: program, global: global, environment: env, access: access, sink: sink, reporter: reporter,
                domainFormats: domainFormats)
            context = ctx
            try body(ctx)
            try ctx.finish()
            return 0
        } catch {
            try? sink.flush()
            let failure = error as? CollabError ?? CollabError(.internal, "\(error) (please report)")
            reporter.report(failure)
            if failure.kind == .denied, let ctx = context { recordRefusal(ctx, failure) }
            return failure.exitCode
        }
    }

    /// Records a refused action in the audit chain (SPEC §7), on its own write connection.
    private static func recordRefusal(_ ctx: Context, _ failure: CollabError) {
        guard let location = try? ctx.location(), location.exists else { return }
        let words = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
        do {
            let store = try Store.open(location, readOnly: false, busyTimeout: ctx.busyTimeout)
            try Refusals.log(store, actor: ctx.actingUserId, now: ctx.now, program: ctx.program, command: words, reason: failure.message)
        } catch {
            Terminal.printError("\(ctx.program): warning: the refusal could not be recorded: \(error)")
        }
    }
}

/// The environment, read once.
enum ProcessEnvironment {
    static var environment: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
