/// Every failure the programs report. Its `kind` decides the exit code (SPEC §6) in one
/// place, `exitCode`; the message is short, lowercase, and quotes the bad value.
package struct CollabError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The families of failure of SPEC §6.
    package enum Kind: String, Sendable, CaseIterable {
        case notFound = "not_found"
        case usage
        case badInput = "bad_input"
        case unavailable
        case `internal`
        case conflict
        case io
        case busy
        case denied
        case config

        /// The process exit code for this kind.
        package var exitCode: Int32 {
            switch self {
            case .notFound: 1
            case .usage: 64
            case .badInput: 65
            case .unavailable: 69
            case .internal: 70
            case .conflict: 73
            case .io: 74
            case .busy: 75
            case .denied: 77
            case .config: 78
            }
        }
    }

    /// The family, which gives the exit code.
    package var kind: Kind
    /// What went wrong, for a person.
    package var message: String
    /// The input line (1-based) that was bad, for imports and `-` inputs.
    package var inputLine: Int?
    /// The field that was bad.
    package var field: String?

    /// A failure of this kind.
    package init(_ kind: Kind, _ message: String, line: Int? = nil, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.inputLine = line
        self.field = field
    }

    package var description: String { message }

    /// The process exit code.
    package var exitCode: Int32 { kind.exitCode }

    /// The same error attached to an input line.
    package func at(line: Int) -> CollabError {
        var e = self
        e.inputLine = line
        return e
    }

    /// The `error` record of SPEC §3 (`id` numbers the errors of one run).
    package func record(number: Int) -> JSONObject {
        var o = JSONObject()
        o["type"] = .string("error")
        o["id"] = .string("error-\(number)")
        o["code"] = .string(kind.rawValue)
        o["message"] = .string(message)
        o["exit"] = .int(Int64(exitCode))
        o.set("input_line", inputLine.map(Int64.init))
        o.set("field", field)
        return o
    }

    // Constructors for the common cases, so messages read the same everywhere.

    /// `TYPE 'ID' not found` (exit 1).
    package static func notFound(_ type: String, _ id: String) -> CollabError {
        CollabError(.notFound, "\(type) '\(id)' not found")
    }

    /// A bad value in a field (exit 65).
    package static func invalid(_ field: String, _ value: String, _ why: String) -> CollabError {
        CollabError(.badInput, "invalid \(field) '\(value)': \(why)", field: field)
    }

    /// A missing required field (exit 65).
    package static func missing(_ field: String) -> CollabError {
        CollabError(.badInput, "missing field '\(field)'", field: field)
    }

    /// Permission refused (exit 77).
    package static func denied(_ message: String) -> CollabError {
        CollabError(.denied, message)
    }

    /// A conflict with the current state (exit 73).
    package static func conflict(_ message: String) -> CollabError {
        CollabError(.conflict, message)
    }
}
