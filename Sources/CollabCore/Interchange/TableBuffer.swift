/// Rows kept for the `table` format: aligned columns, local times, fitted to the terminal.
struct TableBuffer {
    let style: RecordWriter.TableStyle
    private var columns: [String] = []
    private var rows: [[String: String]] = []

    init(style: RecordWriter.TableStyle) { self.style = style }

    mutating func add(_ record: JSONObject, fields: [String]?) {
        var row: [String: String] = [:]
        var previous: String?
        for (k, v) in record {
            if fields == nil && k == "type" { continue }
            if !columns.contains(k) {
                // A field first seen in a later record goes after the field it follows there.
                let at = previous.flatMap { p in columns.firstIndex(of: p).map { $0 + 1 } } ?? columns.count
                columns.insert(k, at: at)
            }
            previous = k
            row[k] = cell(v)
        }
        if let fields { columns = fields }
        rows.append(row)
    }

    private func cell(_ v: JSONValue) -> String {
        if case .string(let s) = v, s.count == 20, s.hasSuffix("Z"), let i = RFC3339.parse(s) {
            return RFC3339.formatLocal(i, in: style.zone)
        }
        let text = v.cellText
        return text.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" })
            ? String(text.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 }) : text
    }

    func render() -> String {
        guard !rows.isEmpty else { return "" }
        let header = columns.map { $0.uppercased() }
        var widths = columns.indices.map { i in
            rows.reduce(header[i].count) { max($0, $1[columns[i]]?.count ?? 0) }
        }
        if let limit = style.width { fit(&widths, limit: limit, minimum: header.map { min($0.count, 6) }) }
        var out = ""
        let head = line(header, widths)
        out += style.color ? "\u{1B}[1m" + head + "\u{1B}[0m\n" : head + "\n"
        for r in rows { out += line(columns.map { r[$0] ?? "" }, widths) + "\n" }
        return out
    }

    /// Shrinks the widest columns until the line fits the terminal.
    private func fit(_ widths: inout [Int], limit: Int, minimum: [Int]) {
        var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        while total > limit {
            guard let i = widths.indices.filter({ widths[$0] > max(minimum[$0], 4) }).max(by: { widths[$0] < widths[$1] })
            else { break }
            widths[i] -= 1
            total -= 1
        }
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (i, c) in cells.enumerated() {
            let w = widths[i]
            var text = c
            if text.count > w { text = String(text.prefix(max(0, w - 1))) + "…" }
            let last = i == cells.count - 1
            parts.append(last ? text : text + String(repeating: " ", count: w - text.count))
        }
        return parts.joined(separator: "  ")
    }
}
