/// Reads CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) with a header
/// line. A UTF-8 byte-order mark is dropped, and a header with `;` but no `,` switches the
/// separator to `;`, as spreadsheets in French locales export.
package final class CSVReader {
    private let lines: LineReader
    /// The column names of the header line.
    package private(set) var header: [String] = []
    private var separator: UInt8 = UInt8(ascii: ",")

    /// Reads the header line; empty input gives an empty header.
    package init(_ lines: LineReader) throws {
        self.lines = lines
        guard let (_, first) = try nextRecord(isHeader: true) else { return }
        header = first.map { $0.trimmingSpaces.lowercased() }
    }

    /// The next row as (line number where it starts, fields), or nil at the end. Blank
    /// lines are skipped.
    package func next() throws -> (line: Int, fields: [String])? {
        while let (n, fields) = try nextRecord(isHeader: false) {
            if fields.count == 1 && fields[0].isEmpty { continue }
            return (n, fields)
        }
        return nil
    }

    /// The next row as a dictionary keyed by the header.
    package func nextRow() throws -> (line: Int, values: [String: String])? {
        guard let (n, fields) = try next() else { return nil }
        if fields.count > header.count {
            throw CollabError(.badInput, "line \(n): \(fields.count) fields but the header has \(header.count)", line: n)
        }
        var d: [String: String] = [:]
        for (i, f) in fields.enumerated() { d[header[i]] = f }
        return (n, d)
    }

    private func nextRecord(isHeader: Bool) throws -> (Int, [String])? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var startLine = 0
        while let line = try lines.next() {
            guard case .text(let n, var bytes) = line else {
                if case .tooLong(let n) = line { throw CollabError(.badInput, "line \(n): too long", line: n) }
                continue
            }
            if startLine == 0 { startLine = n }
            if isHeader && n == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if isHeader && !inQuotes && !bytes.contains(UInt8(ascii: ",")) && bytes.contains(UInt8(ascii: ";")) {
                separator = UInt8(ascii: ";")
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if inQuotes {
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            i += 1
                        } else {
                            inQuotes = false
                        }
                    } else {
                        field.append(b)
                    }
                } else if b == UInt8(ascii: "\"") && field.isEmpty {
                    inQuotes = true
                } else if b == separator {
                    fields.append(try text(field, n))
                    field = []
                } else {
                    field.append(b)
                }
                i += 1
            }
            if inQuotes {
                field.append(10)
                continue
            }
            fields.append(try text(field, n))
            return (startLine, fields)
        }
        if inQuotes { throw CollabError(.badInput, "line \(startLine): unterminated quoted field", line: startLine) }
        return nil
    }

    private func text(_ bytes: [UInt8], _ n: Int) throws -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw CollabError(.badInput, "line \(n): invalid UTF-8", line: n)
        }
        return s
    }
}
