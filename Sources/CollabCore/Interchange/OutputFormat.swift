/// The output formats of SPEC §2.
package enum OutputFormat: String, Sendable, CaseIterable {
    case ndjson, json, table, tsv, csv

    /// Whether errors in this format are `error` records.
    package var isJSON: Bool { self == .ndjson || self == .json }
}

/// Where the writer's bytes go (standard output in the programs, a buffer in tests).
package protocol ByteSink: AnyObject {
    /// Takes bytes; they may be buffered.
    func write(_ bytes: [UInt8]) throws
    /// Pushes buffered bytes out.
    func flush() throws
}

/// A sink that keeps everything in memory.
package final class MemorySink: ByteSink {
    /// What was written.
    package private(set) var bytes: [UInt8] = []
    package init() {}
    package func write(_ b: [UInt8]) throws { bytes.append(contentsOf: b) }
    package func flush() throws {}
    /// What was written, as text.
    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
