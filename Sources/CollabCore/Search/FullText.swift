/// Full-text search on the embedded store: SQLite FTS5 with accents folded, so
/// "reunion" finds "réunion". Every domain's search index uses `tokenizer` and turns what
/// the user typed into a match expression with `matchExpression`.
package enum FullText {
    /// The FTS5 tokenizer of every index: Unicode words, case and accents folded.
    package static let tokenizer = "unicode61 remove_diacritics 2"

    /// The words of `text`: runs of letters and digits.
    package static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in text {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// An FTS5 expression that matches records containing every word of `query` (AND),
    /// each as a prefix, with a French plural ending (`s`, `x`) dropped first, so
    /// "réunions" finds "réunion" and "réunion" finds "réunions". Operators the user
    /// typed are taken as words: the query cannot be malformed. Exit 65 when it has no
    /// word at all.
    package static func matchExpression(_ query: String) throws -> String {
        let terms = words(query).map { w -> String in
            var w = w.lowercased()
            if w.count > 3, let last = w.last, last == "s" || last == "x" { w.removeLast() }
            return "\"" + w + "\"*"
        }
        guard !terms.isEmpty else { throw CollabError.invalid("query", query, "it has no word to search for") }
        return terms.joined(separator: " ")
    }
}

// MARK: Both stores

extension FullText {
    /// The three search indexes, with the SQL each dialect needs. On SQLite they are FTS5
    /// tables (`tasks_fts` follows `tasks` through triggers; `messages_fts` and `doc_text`
    /// are written by their domains). On PostgreSQL, `tasks_fts` is an expression index on
    /// `tasks`, and `messages_fts` and `doc_text` are tables with a generated `tsv`
    /// column, with GIN indexes, in the `collab_fr` configuration: French stemming on
    /// unaccented words, so "réunions" finds "reunion" and "réunir" finds "réunion".
    package enum Index: Sendable {
        case tasks, messages, documents
    }

    /// The PostgreSQL text search configuration of every index.
    package static let postgresConfig = "collab_fr"

    /// Created before the first migration on PostgreSQL.
    static let postgresSetup = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TEXT SEARCH CONFIGURATION collab_fr (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION collab_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

        """

    /// tasks' indexed text on PostgreSQL, its columns prefixed with `alias` (`t.`).
    static func taskVector(_ alias: String = "") -> String {
        "to_tsvector('collab_fr'::regconfig, \(alias)title || ' ' || coalesce(\(alias)description, ''))"
    }

    /// The PostgreSQL form of the indexes a migration creates on SQLite.
    static func postgresIndexes(after sqlite: String) -> String {
        var out = ""
        if sqlite.contains("CREATE VIRTUAL TABLE tasks_fts") {
            out += "CREATE INDEX tasks_fts ON tasks USING gin (\(taskVector()));\n"
        }
        if sqlite.contains("CREATE VIRTUAL TABLE messages_fts") {
            out += """
                CREATE TABLE messages_fts (
                    rowid BIGINT PRIMARY KEY,
                    body  TEXT NOT NULL,
                    tsv   tsvector GENERATED ALWAYS AS (to_tsvector('collab_fr'::regconfig, left(body, 200000))) STORED
                );
                CREATE INDEX messages_fts_tsv ON messages_fts USING gin (tsv);

                """
        }
        if sqlite.contains("CREATE VIRTUAL TABLE doc_text") {
            // A document's text is cut at 200,000 characters for the index (a tsvector
            // holds at most 1 MiB); SQLite indexes up to DocSearch.maxIndexedSize.
            out += """
                CREATE TABLE doc_text (
                    doc   TEXT NOT NULL,
                    title TEXT,
                    body  TEXT,
                    tsv   tsvector GENERATED ALWAYS AS
                          (to_tsvector('collab_fr'::regconfig, coalesce(title, '') || ' ' || left(coalesce(body, ''), 200000))) STORED
                );
                CREATE INDEX doc_text_by_doc ON doc_text (doc);
                CREATE INDEX doc_text_tsv ON doc_text USING gin (tsv);

                """
        }
        return out
    }

    /// What the user typed as the dialect's match argument (exit 65 when it has no word).
    package static func match(_ query: String, _ dialect: Dialect) throws -> String {
        switch dialect {
        case .sqlite:
            return try matchExpression(query)
        case .postgres:
            // Every word as a prefix, all required: `réunion:* & budget:*`. Words are
            // letters and digits only, so the query cannot be malformed.
            let terms = words(query).map { $0.lowercased() + ":*" }
            guard !terms.isEmpty else { throw CollabError.invalid("query", query, "it has no word to search for") }
            return terms.joined(separator: " & ")
        }
    }

    /// A condition keeping the rows of `tasks t` that match one `?` argument.
    package static func taskCondition(_ dialect: Dialect) -> String {
        switch dialect {
        case .sqlite: "t.n IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)"
        case .postgres: "\(taskVector("t.")) @@ to_tsquery('collab_fr', ?)"
        }
    }

    /// A ranked search of an index table (`messages_fts` or `doc_text`): the FROM items
    /// (the match `?` comes first), the condition, the snippet of column `column`
    /// (`[word]`, about 12 words) and the ORDER BY key, best first.
    package struct Search {
        package var from: String
        package var condition: String
        package var snippet: String
        package var rank: String
    }

    /// The ranked search of `table`, whose text column for snippets is `column` at FTS5
    /// column position `position`.
    package static func search(_ table: String, column: String, position: Int, _ dialect: Dialect) -> Search {
        switch dialect {
        case .sqlite:
            return Search(
                from: table, condition: "\(table) MATCH ?",
                snippet: "snippet(\(table), \(position), '[', ']', '…', 12)", rank: "bm25(\(table))")
        case .postgres:
            return Search(
                from: "to_tsquery('collab_fr', ?) AS fts_query, \(table)",
                condition: "\(table).tsv @@ fts_query",
                snippet: """
                    ts_headline('collab_fr', coalesce(\(table).\(column), ''), fts_query, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…')
                    """,
                rank: "ts_rank(\(table).tsv, fts_query) DESC")
        }
    }

    /// The statement that removes a message's text from its index (`rowid`, `body`).
    package static func removeMessage(_ dialect: Dialect) -> String {
        switch dialect {
        case .sqlite: "INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', ?, ?)"
        case .postgres: "DELETE FROM messages_fts WHERE rowid = ? AND body = ?"
        }
    }

    /// Makes PostgreSQL's message index again from `messages` (doctor's repair, and after
    /// an erasure rewrote bodies).
    package static func rebuildMessageIndex(_ sql: SQL) throws {
        try sql.execute("DELETE FROM messages_fts")
        try sql.execute("INSERT INTO messages_fts (rowid, body) SELECT num, body FROM messages WHERE body IS NOT NULL")
    }
}
