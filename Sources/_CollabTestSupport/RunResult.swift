import CollabCore
internal import Foundation

/// What a finished run of a program gave back: its exit status and everything it wrote.
package struct RunResult: Sendable, CustomStringConvertible {
    /// The command line, for failure messages.
    package let command: String
    /// The exit status (or the signal number when `signaled`).
    package let status: Int32
    /// Whether a signal ended the program.
    package let signaled: Bool
    /// Standard output, as bytes.
    package let stdoutBytes: [UInt8]
    /// Standard error, as bytes.
    package let stderrBytes: [UInt8]

    /// Standard output as text (invalid UTF-8 repaired).
    package var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    /// Standard error as text.
    package var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    /// The non-empty lines of standard output (without `\r\n` or `\n`).
    package var lines: [String] { Self.lines(stdout) }
    /// The non-empty lines of standard error.
    package var errorLines: [String] { Self.lines(stderr) }

    /// The command, its status and its output, to explain a failed expectation.
    package var description: String {
        let out = stdout.count > 2000 ? String(stdout.prefix(2000)) + "…" : stdout
        let err = stderr.count > 2000 ? String(stderr.prefix(2000)) + "…" : stderr
        return "$ \(command)\n→ \(signaled ? "signal" : "exit") \(status)\nstdout: \(out)\nstderr: \(err)"
    }

    /// Standard output parsed as NDJSON: one object per non-empty line.
    package func records() throws -> [[String: Any]] { try Self.ndjson(stdout, "stdout of \(command)") }

    /// Standard error parsed as NDJSON (the `error` records of `COLLAB_ERRORS=json`).
    package func errorRecords() throws -> [[String: Any]] { try Self.ndjson(stderr, "stderr of \(command)") }

    /// The single record on standard output; fails if there is not exactly one.
    package func record() throws -> [String: Any] {
        let all = try records()
        guard all.count == 1 else { throw RunnerError("expected one record, got \(all.count)\n\(self)") }
        return all[0]
    }

    /// The `id` of each record on standard output, in order.
    package func ids() throws -> [String] { try records().map { $0["id"] as? String ?? "" } }

    static func lines(_ text: String) -> [String] {
        // Split the scalars, not the characters: "\r\n" is one Character.
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
    }

    static func ndjson(_ text: String, _ what: String) throws -> [[String: Any]] {
        try lines(text).enumerated().map { n, line in
            guard let o = try? JSONParser.parse(line).objectValue else {
                throw RunnerError("line \(n + 1) of \(what) is not a JSON object: \(line)")
            }
            return TestJSON.object(o)
        }
    }
}

/// Plain Swift values for parsed JSON, so tests compare with `as? Int`, `as? [String]`.
package enum TestJSON {
    /// The marker for a JSON `null`.
    package struct Null: Equatable, Sendable {}

    /// An object as a dictionary of plain values.
    package static func object(_ o: JSONObject) -> [String: Any] {
        var d: [String: Any] = [:]
        for (k, v) in o { d[k] = value(v) }
        return d
    }

    /// A value as a plain one: Int, Double, Bool, String, [Any], [String: Any] or `Null`.
    package static func value(_ v: JSONValue) -> Any {
        switch v {
        case .null: return Null()
        case .bool(let b): return b
        case .int(let i): return Int(i)
        case .double(let d): return d
        case .string(let s): return s
        case .array(let a): return a.map(value)
        case .object(let o): return object(o)
        }
    }

    /// Parses any JSON text with the package's strict parser into plain values.
    package static func parse(_ text: String) throws -> Any { value(try JSONParser.parse(text)) }

    /// Whether `text` is one valid JSON value according to Foundation's parser, an
    /// independent check of the package's writer.
    package static func isValidByFoundation(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
    }

    /// The keys of a one-line JSON object, in the order they were written.
    package static func keys(ofLine line: String) throws -> [String] {
        guard let o = try JSONParser.parse(line).objectValue else { throw RunnerError("not an object: \(line)") }
        return o.keys
    }
}
