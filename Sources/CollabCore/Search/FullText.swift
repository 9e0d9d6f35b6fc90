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
