extension Migrations {
    /// Migration `n` (0-based) in the store's dialect. PostgreSQL reads the same text with
    /// three changes: 64-bit integers (`INTEGER` is SQLite's 64-bit integer, PostgreSQL's
    /// is 32), `BYTEA` for blobs, and each SQLite full-text index (FTS5 virtual table and
    /// its triggers) replaced by its PostgreSQL form from `FullText.postgresIndexes`.
    package static func script(_ n: Int, _ dialect: Dialect) -> String {
        let text = all[n]
        guard dialect == .postgres else { return text }
        var out: [Substring] = []
        var skipping: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let end = skipping {
                if trimmed.hasPrefix(end) { skipping = nil }
                continue
            }
            if trimmed.hasPrefix("CREATE VIRTUAL TABLE") {
                if !trimmed.hasSuffix(");") { skipping = ");" }
                continue
            }
            if trimmed.hasPrefix("CREATE TRIGGER") {
                skipping = "END;"
                continue
            }
            out.append(line)
        }
        let body = out.joined(separator: "\n")
            .split(separator: " INTEGER", omittingEmptySubsequences: false).joined(separator: " BIGINT")
            .split(separator: " BLOB", omittingEmptySubsequences: false).joined(separator: " BYTEA")
        let before = n == 0 ? FullText.postgresSetup : ""
        let after = FullText.postgresIndexes(after: text)
        return before + body + "\n" + after
    }
}
