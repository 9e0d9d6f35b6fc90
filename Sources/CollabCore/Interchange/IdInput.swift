/// Ids given as arguments, where `-` means "read ids from standard input, one a line, each a
/// bare id or a JSON record with an `id`" (SPEC §4), so any list pipes into any verb.
package enum IdInput {
    /// Expands `-` in `arguments` from `reader` (standard input), keeping order.
    package static func expand(_ arguments: [String], stdin: @autoclosure () throws -> LineReader) throws -> [String] {
        guard arguments.contains("-") else { return arguments }
        var out: [String] = []
        var readStdin = false
        for a in arguments {
            if a != "-" { out.append(a); continue }
            guard !readStdin else { continue }
            readStdin = true
            let reader = try stdin()
            var errors: [CollabError] = []
            while let line = try reader.next() {
                switch line {
                case .tooLong(let n): errors.append(CollabError(.badInput, "line \(n): too long", line: n))
                case .text(let n, let bytes):
                    do {
                        if let id = try id(in: bytes, line: n) { out.append(id) }
                    } catch let e as CollabError { errors.append(e) }
                }
            }
            if let first = errors.first {
                throw errors.count == 1 ? first : CollabError(.badInput, "\(errors.count) bad input lines; first: \(first.message)", line: first.inputLine)
            }
        }
        return out
    }

    /// The id on one input line; nil for a blank line.
    static func id(in bytes: [UInt8], line n: Int) throws -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CollabError(.badInput, "line \(n): invalid UTF-8", line: n)
        }
        let t = text.trimmingSpaces
        if t.isEmpty { return nil }
        if t.hasPrefix("{") {
            switch NDJSONReader.parse(Array(t.utf8), line: n) {
            case .failure(let e): throw e
            case .success(let o):
                guard let id = o["id"]?.stringValue else {
                    throw CollabError(.badInput, "line \(n): the record has no string 'id'", line: n, field: "id")
                }
                return id
            }
        }
        return t
    }
}
