#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor through a 64 KiB buffer, counting them, in constant
/// memory. A line longer than `maxLine` is reported as too long and skipped, not kept.
package final class LineReader {
    /// One line: its number (from 1) and bytes without the newline (and without a final CR).
    package enum Line {
        case text(Int, [UInt8])
        case tooLong(Int)
    }

    private let fd: Int32
    private let ownsFD: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private(set) var lineNumber = 0
    /// The longest line accepted (16 MiB by default).
    package let maxLine: Int

    /// A reader of standard input or another open descriptor.
    package init(fd: Int32, maxLine: Int = 16 << 20) {
        self.fd = fd
        self.ownsFD = false
        self.maxLine = maxLine
        self.buffer = [UInt8](repeating: 0, count: 64 << 10)
    }

    /// A reader of a file (`-` is standard input). Unreadable: exit 74.
    package convenience init(path: String, maxLine: Int = 16 << 20) throws {
        if path == "-" {
            self.init(fd: 0, maxLine: maxLine)
            return
        }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw CollabError(.io, "cannot read '\(path)': \(String(cString: strerror(errno)))") }
        self.init(fd: fd, maxLine: maxLine, owns: true)
    }

    private init(fd: Int32, maxLine: Int, owns: Bool) {
        self.fd = fd
        self.ownsFD = owns
        self.maxLine = maxLine
        self.buffer = [UInt8](repeating: 0, count: 64 << 10)
    }

    deinit { if ownsFD { close(fd) } }

    /// The first byte of the input that is not a space or newline, without consuming it
    /// (nil for empty input). Only valid before the first `next()`.
    package func peekFirstByte() throws -> UInt8? {
        while true {
            var bytes = buffer[start..<end]
            // Skip a UTF-8 byte-order mark (once all three bytes are in).
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let waitingForBOM = bytes.count < 3 && [UInt8](bytes).allSatisfy { [0xEF, 0xBB, 0xBF].contains($0) } && !eof
            if !waitingForBOM, let b = bytes.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) {
                return b
            }
            if eof || end == buffer.count { return nil }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + end, $0.count - end) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CollabError(.io, "cannot read input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { eof = true } else { end += n }
        }
    }

    /// The next line, or nil at the end of input.
    package func next() throws -> Line? {
        var long: [UInt8]? = nil
        var tooLong = false
        while true {
            if let nl = buffer[start..<end].firstIndex(of: 10) {
                lineNumber += 1
                defer { start = nl + 1 }
                if tooLong { return .tooLong(lineNumber) }
                var line = long ?? []
                line.append(contentsOf: buffer[start..<nl])
                if line.count > maxLine { return .tooLong(lineNumber) }
                if line.last == 13 { line.removeLast() }
                return .text(lineNumber, line)
            }
            // No newline in the buffer: keep what we have and read more.
            if !tooLong {
                if long == nil { long = [] }
                long!.append(contentsOf: buffer[start..<end])
                if long!.count > maxLine { tooLong = true; long = nil }
            }
            start = 0
            end = 0
            if eof {
                if tooLong { lineNumber += 1; return .tooLong(lineNumber) }
                guard let rest = long, !rest.isEmpty else { return nil }
                lineNumber += 1
                var line = rest
                if line.last == 13 { line.removeLast() }
                return .text(lineNumber, line)
            }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CollabError(.io, "cannot read input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { eof = true } else { end = n }
        }
    }
}
