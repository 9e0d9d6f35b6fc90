#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CollabCore

/// Standard output through a 64 KiB buffer. A reader that went away (`| head`) ends the
/// program quietly with status 0, as a closed pipe is not an error of ours.
package final class StandardOutput: ByteSink {
    private var buffer: [UInt8] = []
    private let fd: Int32

    /// The sink for a descriptor (1 for standard output).
    package init(fd: Int32 = 1) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    package func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    package func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                buffer.removeAll(keepingCapacity: true)
                throw CollabError(.io, "cannot write output: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Facts about the terminal.
package enum Terminal {
    /// Whether the descriptor is a terminal.
    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The width of the terminal on standard output, else `COLUMNS`, else nil.
    package static func width(environment: [String: String]) -> Int? {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return environment["COLUMNS"].flatMap { Int($0) }
    }

    /// Writes text to standard error, unbuffered.
    package static func printError(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.last != 10 { bytes.append(10) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}
