/// One write: the connection inside an immediate transaction, who acts, and when. Domain
/// write methods take a Transaction and call `record` for each record they change, which
/// appends to the audit chain in the same transaction.
package final class Transaction {
    /// The narrow SQL layer, inside the transaction.
    package let sql: SQL
    /// The acting user's id (or `system`).
    package let actor: String
    /// The time of this write, the same for every change it makes.
    package let now: Instant
    /// Whether the transaction will be rolled back at the end.
    package let isDryRun: Bool
    /// The change records written so far, in order: kept only for a dry run, which prints
    /// them (a large import would otherwise hold every record in memory).
    package internal(set) var changes: [Change] = []
    /// How many change records this transaction wrote.
    package internal(set) var changeCount = 0
    var head: ChainHead?

    init(sql: SQL, actor: String, now: Instant, dryRun: Bool) {
        self.sql = sql
        self.actor = actor
        self.now = now
        self.isDryRun = dryRun
    }

    /// The last number handed out per sequence in this write, saved when it commits: one
    /// UPDATE per number opened a statement journal each time, which was 40% of an
    /// import's time (measured on collab-msg). The write lock makes this safe.
    var sequences: [String: Int64] = [:]

    /// The next number of a named sequence (`task` gives 1, 2, 3 …), never reused (a
    /// number taken inside a savepoint that is rolled back is skipped, not reused).
    package func nextNumber(_ name: String) throws -> Int64 {
        let n = try currentNumber(name) + 1
        sequences[name] = n
        return n
    }

    /// Makes later numbers of `name` come after `n`: for imports that keep their ids.
    package func reserveNumber(_ name: String, atLeast n: Int64) throws {
        if n > (try currentNumber(name)) { sequences[name] = n }
    }

    private func currentNumber(_ name: String) throws -> Int64 {
        if let n = sequences[name] { return n }
        return try sql.int("SELECT value FROM sequences WHERE name = ?", [.text(name)]) ?? 0
    }

    /// Saves the sequences this write moved.
    func saveSequences() throws {
        for (name, value) in sequences.sorted(by: { $0.key < $1.key }) {
            try sql.execute(
                "INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [.text(name), .int(value)])
        }
    }

    /// The checks this write has passed (see `once`), and the order they passed in, so
    /// that a savepoint rolled back forgets those passed inside it.
    private var passed = Set<String>()
    private var passedOrder: [String] = []

    /// Runs `check` unless a check of the same `key` (`user:ann`) passed earlier in this
    /// write: an import checks each project, channel or author once, not once per line
    /// (a message import asked for its channel and its author on every line: two of its
    /// six statements a message, each a round trip on PostgreSQL). A check that throws is
    /// not remembered, nor one passed inside a savepoint that is rolled back (its rows
    /// are gone). Only for what the write itself does not take back otherwise: an
    /// import never deletes.
    package func once(_ key: String, _ check: () throws -> Void) throws {
        guard !passed.contains(key) else { return }
        try check()
        passed.insert(key)
        passedOrder.append(key)
    }

    /// The time of this write as RFC 3339 text (formatted once: an import stamps every
    /// record with it, and formatting was 6% of a user import's time, measured with perf).
    package lazy var timestamp: String = RFC3339.format(now)
}

extension Transaction {
    /// Runs `body` inside a savepoint: if it throws, what it wrote (rows and chain entries)
    /// is undone and the error rethrown, and the transaction goes on.
    package func savepoint<T>(_ body: () throws -> T) throws -> T {
        let savedHead = head
        let savedCount = changes.count, savedTotal = changeCount, savedPassed = passedOrder.count
        try sql.execute("SAVEPOINT line")
        do {
            let r = try body()
            try sql.execute("RELEASE SAVEPOINT line")
            return r
        } catch {
            try sql.execute("ROLLBACK TO SAVEPOINT line")
            try sql.execute("RELEASE SAVEPOINT line")
            head = savedHead
            changes.removeLast(changes.count - savedCount)
            changeCount = savedTotal
            for key in passedOrder[savedPassed...] { passed.remove(key) }
            passedOrder.removeLast(passedOrder.count - savedPassed)
            throw error
        }
    }
}
