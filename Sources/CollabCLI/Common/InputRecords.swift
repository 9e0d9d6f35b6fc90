import CollabCore

extension Context {
    /// Reads every NDJSON record of `file` ('-': standard input) and turns each into a value
    /// with `make` (given the record and its line number), for the verbs that act once per
    /// input record (`collab-msg post --from`, `collab-task template apply --from`). Every bad
    /// line, not JSON or refused by `make`, is reported with its number; then, if there was
    /// one, nothing is done: exit 65.
    func inputRecords<T>(_ file: String, nothingWas verb: String, _ make: (JSONObject, Int) throws -> T) throws -> [T] {
        let reader = NDJSONReader(try LineReader(path: file))
        var out: [T] = []
        var bad = 0
        while let (line, result) = try reader.next() {
            do {
                out.append(try make(try result.get(), line))
            } catch let e as CollabError {
                reporter.report(e.inputLine == nil ? e.at(line: line) : e)
                bad += 1
            }
        }
        if bad > 0 { throw CollabError(.badInput, "\(bad) bad input line\(bad == 1 ? "" : "s"): nothing was \(verb)") }
        return out
    }

    /// The keys rendered per record must be unique: remembers each, refusing a repeat.
    static func uniqueKey(_ key: String, line: Int, _ seen: inout [String: Int]) throws -> String {
        guard !key.trimmingSpaces.isEmpty else { throw CollabError.invalid("key", key, "the --key template gives an empty key") }
        if let first = seen[key] { throw CollabError(.badInput, "the key '\(key)' is already the key of line \(first)", field: "key") }
        seen[key] = line
        return key
    }
}
