/// What an import did.
package struct ImportSummary: Sendable, Equatable {
    package var created = 0
    package var updated = 0
    package var unchanged = 0
    package var invalid = 0
    package init() {}
}

extension UserImport {
    /// Imports every user of `input` inside `tx`. Each line is checked; a bad line is
    /// reported through `report` (with its line number). Without `skipInvalid` any bad line
    /// makes the whole import fail (the caller's transaction rolls back: nothing written);
    /// with it, bad lines are undone one by one and the rest is kept. Every user written or
    /// found unchanged goes to `emit`. Managers may refer to users later in the input
    /// (with `skipInvalid`, only to users before them, so a skipped line is final).
    package static func run(
        _ tx: Transaction, _ actor: Actor, input: LineReader, format: Format, update: Bool, skipInvalid: Bool,
        emit: (JSONObject) throws -> Void, report: (CollabError) -> Void
    ) throws -> ImportSummary {
        try Access.requireAdmin(actor, "import users")
        var summary = ImportSummary()
        var managers: [(line: Int, user: String, manager: String)] = []
        var items: () throws -> (Int, Result<Item, CollabError>)?
        switch format {
        case .ndjson:
            let reader = NDJSONReader(input)
            items = {
                guard let (n, r) = try reader.next() else { return nil }
                return (n, r.flatMap { o in Result { try item(record: o) }.mapError { ($0 as? CollabError ?? CollabError(.badInput, "\($0)")).at(line: n) } })
            }
        case .csv:
            let reader = try CSVReader(input)
            try checkHeader(reader.header)
            items = {
                do {
                    guard let (n, row) = try reader.nextRow() else { return nil }
                    return (n, Result { try item(csv: row) }.mapError { ($0 as? CollabError ?? CollabError(.badInput, "\($0)")).at(line: n) })
                } catch let e as CollabError where e.inputLine != nil {
                    return (e.inputLine!, .failure(e))
                }
            }
        }
        var seen = Set<String>()
        while let (n, result) = try items() {
            do {
                let item = try result.get()
                guard seen.insert(item.spec.id).inserted else {
                    throw CollabError(.badInput, "user '\(item.spec.id)' appears twice in the input", field: "id")
                }
                let (user, outcome) = try tx.savepointIf(skipInvalid) {
                    try Directory.addUser(tx, actor, item.spec, key: item.key, update: update, checkManager: skipInvalid)
                }
                if !skipInvalid, let m = item.spec.manager, !m.isEmpty { managers.append((n, user.id, m)) }
                switch outcome {
                case .created: summary.created += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
                try emit(user.record)
            } catch let e as CollabError {
                summary.invalid += 1
                report(e.inputLine == nil ? e.at(line: n) : e)
            }
        }
        for m in managers where try Directory.user(tx.sql, m.manager) == nil {
            summary.invalid += 1
            report(CollabError(.badInput, "manager '\(m.manager)' of '\(m.user)' is not a user", line: m.line, field: "manager"))
        }
        return summary
    }
}

extension Transaction {
    /// `savepoint(body)` when `enabled`, else `body()` directly.
    package func savepointIf<T>(_ enabled: Bool, _ body: () throws -> T) throws -> T {
        enabled ? try savepoint(body) : try body()
    }
}
