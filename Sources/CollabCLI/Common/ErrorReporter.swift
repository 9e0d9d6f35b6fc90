import CollabCore

/// Writes errors and warnings to standard error: `program: error: message` for people, or
/// `error` records with `--format ndjson|json` or `COLLAB_ERRORS=json` (SPEC §5).
package struct ErrorReporter {
    let program: String
    let json: Bool
    private final class Counter: @unchecked Sendable { var n = 0 }
    private let counter = Counter()

    /// A reporter for this program.
    package init(program: String, json: Bool) {
        self.program = program
        self.json = json
    }

    /// Whether errors should be JSON records.
    package static func wantsJSON(_ g: GlobalOptions, _ env: [String: String]) -> Bool {
        if env["COLLAB_ERRORS"] == "json" { return true }
        let f = g.format ?? env["COLLAB_FORMAT"]
        return f == "ndjson" || f == "json"
    }

    /// Reports one error.
    package func report(_ e: CollabError) {
        counter.n += 1
        if json {
            Terminal.printError(JSONWriter.compact(e.record(number: counter.n)))
        } else {
            let place = e.inputLine.map { "input:\($0): " } ?? ""
            let message = e.inputLine != nil && e.message.hasPrefix("line ") ? String(e.message.drop { $0 != ":" }.dropFirst(2)) : e.message
            Terminal.printError("\(program): \(place)error: \(message)")
        }
    }

    /// Reports a warning (always text: it is not a failure).
    package func warn(_ message: String) {
        Terminal.printError("\(program): warning: \(message)")
    }
}
