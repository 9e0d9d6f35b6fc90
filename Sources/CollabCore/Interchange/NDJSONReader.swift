/// Reads NDJSON records one line at a time (SPEC §4): each non-blank line must be valid
/// UTF-8 holding one JSON object, at most 16 MiB long. Bad lines come back as errors that
/// name the line, so a caller can report every bad line, not just the first.
package final class NDJSONReader {
    private let lines: LineReader

    /// A reader over lines.
    package init(_ lines: LineReader) { self.lines = lines }

    /// The next record with its line number, or an error for that line; nil at the end.
    package func next() throws -> (line: Int, result: Result<JSONObject, CollabError>)? {
        while let line = try lines.next() {
            switch line {
            case .tooLong(let n):
                return (n, .failure(CollabError(.badInput, "line \(n): longer than \(lines.maxLine) bytes", line: n)))
            case .text(let n, var bytes):
                if n == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                return (n, Self.parse(bytes, line: n))
            }
        }
        return nil
    }

    /// Parses one line's bytes as a JSON object.
    package static func parse(_ bytes: [UInt8], line n: Int) -> Result<JSONObject, CollabError> {
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { try JSONParser.parse(bytes: $0) }
        } catch {
            let message = (error as? JSONParseError)?.message ?? "\(error)"
            let what = message.contains("UTF-8") ? "invalid UTF-8" : "invalid JSON: \(error)"
            return .failure(CollabError(.badInput, "line \(n): \(what)", line: n))
        }
        guard case .object(let o) = value else {
            return .failure(CollabError(.badInput, "line \(n): expected a JSON object, got \(value.kindName)", line: n))
        }
        return .success(o)
    }
}
