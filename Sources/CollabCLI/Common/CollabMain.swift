#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

/// The entry point of the five programs: parses the command line and runs the command,
/// so that usage errors (exit 64) are reported like every other error: as text
/// `program: error: …` with the usage line, or as an `error` record when JSON errors are
/// asked for (`COLLAB_ERRORS=json`, or `--format ndjson|json`).
package enum CollabMain {
    /// Runs the root command `Root` with the process's arguments, and exits.
    package static func main<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let status = root.exitCode(for: error)
            guard status != .success, wantsJSON(arguments) else { root.exit(withError: error) }
            let program = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? "collab"
            let message = root.message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
            let kind: CollabError.Kind = status.rawValue == 64 ? .usage : .internal
            ErrorReporter(program: program, json: true).report(CollabError(kind, message.trimmingSpaces))
            exit(status.rawValue)
        }
    }

    static func wantsJSON(_ arguments: [String]) -> Bool {
        let env = ProcessEnvironment.environment
        if env["COLLAB_ERRORS"] == "json" { return true }
        var format = env["COLLAB_FORMAT"]
        for (i, a) in arguments.enumerated() {
            if a == "--format", i + 1 < arguments.count { format = arguments[i + 1] }
            if a.hasPrefix("--format=") { format = String(a.dropFirst("--format=".count)) }
        }
        return format == "ndjson" || format == "json"
    }
}
