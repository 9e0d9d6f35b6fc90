/// One content line of an iCalendar file (RFC 5545 §3.1): `NAME;PARAM=V:VALUE`.
package struct ICalLine: Equatable, Sendable {
    package var name: String
    package var params: [(String, String)]
    package var value: String
    /// The physical line it started on, from 1.
    package var lineNumber: Int

    package static func == (a: ICalLine, b: ICalLine) -> Bool {
        a.name == b.name && a.value == b.value && a.params.elementsEqual(b.params, by: { $0 == $1 })
    }

    /// The value of a parameter (names compared without case).
    package func param(_ name: String) -> String? {
        params.first { $0.0 == name.uppercased() }?.1
    }
}

/// Text rules of iCalendar: escaping, folding at 75 octets, unfolding and content lines.
package enum ICalText {
    /// Escapes a TEXT value: backslash, semicolon, comma and newlines.
    package static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Reads an escaped TEXT value back.
    package static func unescape(_ s: String) -> String {
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                switch c {
                case "n", "N": out += "\n"
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A parameter value, quoted when it holds `:`, `;` or `,`.
    package static func paramValue(_ s: String) -> String {
        let clean = s.filter { $0 != "\"" && $0 != "\n" && $0 != "\r" }
        return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"" + clean + "\"" : clean
    }

    /// The line folded at 75 octets (continuations start with a space), each piece ended by
    /// CRLF; UTF-8 sequences are never split.
    package static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var out = ""
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var cut = start + limit
            // Not inside a UTF-8 sequence: continuation bytes are 10xxxxxx.
            while cut > start && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            out += (start == 0 ? "" : " ") + String(decoding: bytes[start..<cut], as: UTF8.self) + "\r\n"
            start = cut
            limit = 74
        }
        out += (start == 0 ? "" : " ") + String(decoding: bytes[start...], as: UTF8.self) + "\r\n"
        return out
    }

    /// The content lines of a file: CRLF or LF line ends, folded lines joined, blank lines
    /// skipped. A line without a `:` is an error naming its line number.
    package static func lines(_ bytes: [UInt8]) throws -> [ICalLine] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw CollabError(.badInput, "the file is not valid UTF-8")
        }
        // Split on bytes: in a Swift String, CR LF is one Character.
        var logical: [(String, Int)] = []
        var number = 0
        for raw in body.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            var line = raw[...]
            if line.last == 13 { line = line.dropLast() }
            if let first = line.first, first == 32 || first == 9, !logical.isEmpty {
                logical[logical.count - 1].0 += String(decoding: line.dropFirst(), as: UTF8.self)
            } else if !line.isEmpty {
                logical.append((String(decoding: line, as: UTF8.self), number))
            }
        }
        return try logical.map { try parse($0.0, line: $0.1) }
    }

    static func parse(_ text: String, line: Int) throws -> ICalLine {
        var name = ""
        var params: [(String, String)] = []
        var i = text.startIndex
        func bad() -> CollabError { CollabError(.badInput, "not an iCalendar content line: '\(text.prefix(60))'", line: line) }
        while i < text.endIndex, text[i] != ";" && text[i] != ":" { name.append(text[i]); i = text.index(after: i) }
        guard i < text.endIndex, !name.isEmpty else { throw bad() }
        while text[i] == ";" {
            i = text.index(after: i)
            var key = ""
            while i < text.endIndex, text[i] != "=" { key.append(text[i]); i = text.index(after: i) }
            guard i < text.endIndex else { throw bad() }
            i = text.index(after: i)
            var value = ""
            var quoted = false
            while i < text.endIndex {
                let c = text[i]
                if c == "\"" { quoted.toggle() } else if !quoted && (c == ";" || c == ":") { break } else { value.append(c) }
                i = text.index(after: i)
            }
            guard i < text.endIndex else { throw bad() }
            params.append((key.uppercased(), value))
        }
        return ICalLine(name: name.uppercased(), params: params, value: String(text[text.index(after: i)...]), lineNumber: line)
    }
}
