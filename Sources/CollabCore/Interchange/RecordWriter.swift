internal import Mustache

/// The one writer of records (SPEC §5): every program prints through it, in the chosen
/// format, with `--fields`, `--template` and `-q` applied. Machine formats stream one
/// record at a time; `table` keeps the rows to align them.
package final class RecordWriter {
    /// How tables look.
    package struct TableStyle: Sendable {
        /// The terminal width to fit, or nil for no limit.
        package var width: Int?
        /// The zone for local times.
        package var zone: Zone
        /// Whether to print the header in bold.
        package var color: Bool
        package init(width: Int?, zone: Zone, color: Bool) {
            self.width = width
            self.zone = zone
            self.color = color
        }
    }

    private let format: OutputFormat
    private let fields: [String]?
    private let template: MustacheTemplate?
    private let quiet: Bool
    private let sink: ByteSink
    private let style: TableStyle
    private var count = 0
    private var columns: [String]?
    private var table: TableBuffer?
    /// How many records were written.
    package var written: Int { count }

    /// A writer. `template` is Mustache text (`\n` and `\t` are understood); a bad template
    /// is a usage error.
    package init(
        format: OutputFormat, fields: [String]? = nil, template: String? = nil, quiet: Bool = false,
        sink: ByteSink, style: TableStyle
    ) throws {
        self.format = format
        self.fields = fields
        self.quiet = quiet
        self.sink = sink
        self.style = style
        if let template {
            do {
                self.template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + Self.unescape(template))
            } catch {
                throw CollabError(.usage, "invalid template '\(template)': check that every {{tag}}, {{#section}} and {{/section}} is closed")
            }
        } else {
            self.template = nil
        }
        if format == .table && template == nil && !quiet { table = TableBuffer(style: style) }
    }

    /// Writes one record.
    package func write(_ record: JSONObject) throws {
        defer { count += 1 }
        if quiet {
            try sink.write(Array(((record["id"]?.cellText) ?? "").utf8) + [10])
            return
        }
        let shown = fields.map { record.selecting($0) } ?? record
        if let template {
            var text = template.render(Self.context(shown))
            if !text.hasSuffix("\n") { text += "\n" }
            try sink.write(Array(text.utf8))
            return
        }
        switch format {
        case .ndjson:
            var out: [UInt8] = []
            JSONWriter.write(.object(shown), into: &out)
            out.append(10)
            try sink.write(out)
        case .json:
            var out: [UInt8] = Array((count == 0 ? "[\n" : ",\n").utf8)
            JSONWriter.write(.object(shown), into: &out)
            try sink.write(out)
        case .tsv, .csv:
            if columns == nil {
                columns = fields ?? Self.columns(for: record)
                try sink.write(Array(line(columns!).utf8))
            }
            try sink.write(Array(line(columns!.map { shown[$0]?.cellText ?? "" }).utf8))
        case .table:
            table!.add(shown, fields: fields)
        }
    }

    /// Pushes what was written so far out (for commands that follow a stream).
    package func flush() throws { try sink.flush() }

    /// Ends the output (closes the JSON array, prints the table) and flushes.
    package func finish() throws {
        if !quiet && template == nil {
            if format == .json { try sink.write(Array((count == 0 ? "[]\n" : "\n]\n").utf8)) }
            if let table { try sink.write(Array(table.render().utf8)) }
        }
        try sink.flush()
    }

    private func line(_ cells: [String]) -> String {
        if format == .tsv {
            return cells.map { $0.replacing("\\", with: "\\\\").replacing("\t", with: "\\t").replacing("\n", with: "\\n").replacing("\r", with: "\\r") }
                .joined(separator: "\t") + "\n"
        }
        return cells.map { c in
            c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + c.replacing("\"", with: "\"\"") + "\"" : c
        }.joined(separator: ",") + "\r\n"
    }

    /// The columns of a CSV or TSV: every field of the record's type when the type is known
    /// (so a field the first record lacks is not lost), else the first record's fields.
    static func columns(for record: JSONObject) -> [String] {
        guard let type = record["type"]?.stringValue, let t = RecordSchemas.named(type) else { return record.keys }
        var cols = ["type"] + t.fieldNames
        for k in record.keys where !cols.contains(k) { cols.append(k) }
        return cols
    }

    static func unescape(_ t: String) -> String {
        var out = ""
        var it = t.makeIterator()
        while let c = it.next() {
            guard c == "\\" else { out.append(c); continue }
            switch it.next() {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "\\": out.append("\\")
            case let other?: out.append("\\"); out.append(other)
            case nil: out.append("\\")
            }
        }
        return out
    }

    /// The record as Mustache sees it: dictionaries, arrays, strings, numbers, booleans.
    static func context(_ o: JSONObject) -> [String: Any] {
        var d: [String: Any] = [:]
        for (k, v) in o { d[k] = value(v) }
        return d
    }

    private static func value(_ v: JSONValue) -> Any {
        switch v {
        case .null: return ""
        case .bool(let b): return b
        case .int(let i): return Int(i)
        case .double(let d): return d
        case .string(let s): return s
        case .array(let a): return a.map(value)
        case .object(let o): return context(o)
        }
    }
}
