/// Media types of documents: from the name's extension, else sniffed from the first bytes.
package enum MediaType {
    static let byExtension: [String: String] = [
        "txt": "text/plain", "text": "text/plain", "md": "text/markdown", "markdown": "text/markdown",
        "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html", "htm": "text/html",
        "xml": "application/xml", "json": "application/json", "ndjson": "application/x-ndjson",
        "ics": "text/calendar", "pdf": "application/pdf", "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml",
        "zip": "application/zip", "gz": "application/gzip",
    ]

    /// The media type of content named `name` whose first bytes are `head`.
    package static func guess(name: String, head: [UInt8]) -> String {
        if let dot = name.lastIndex(of: "."), let t = byExtension[name[name.index(after: dot)...].lowercased()] { return t }
        if head.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        return looksLikeText(head) ? "text/plain" : "application/octet-stream"
    }

    /// Whether bytes look like text: no NUL, valid UTF-8 (a character cut at the end is fine).
    package static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) { return false }
        var b = bytes[...]
        // Drop a possibly cut multi-byte character at the end.
        var back = 0
        while back < 3, let last = b.last, last & 0xC0 == 0x80 { b = b.dropLast(); back += 1 }
        if let last = b.last, last >= 0xC0 { b = b.dropLast() }
        return String(validating: b, as: UTF8.self) != nil
    }

    /// Whether a media type is text whose words can be indexed and compared line by line.
    package static func isText(_ type: String) -> Bool {
        type.hasPrefix("text/") || ["application/json", "application/xml", "application/x-ndjson"].contains(type)
    }
}
