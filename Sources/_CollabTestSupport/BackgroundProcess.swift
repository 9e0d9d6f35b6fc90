#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started in the background (`feed --follow`, a long import, a shell loop):
/// its output can be read while it runs, it can be signalled, and every wait is bounded.
/// Released while still running, it is killed.
package final class BackgroundProcess: @unchecked Sendable {
    private let launched: Launched
    private let stdoutPath: String
    private let stderrPath: String

    init(_ launched: Launched, stdoutPath: String, stderrPath: String) {
        self.launched = launched
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    deinit {
        if launched.process.isRunning {
            launched.send(SIGKILL)
            _ = launched.wait(timeout: 10)
        }
    }

    /// The process id.
    package var pid: Int32 { launched.process.processIdentifier }

    /// Whether it is still running.
    package var isRunning: Bool { launched.process.isRunning }

    /// What it wrote to standard output so far.
    package var stdoutSoFar: String { String(decoding: Sandbox.read(stdoutPath), as: UTF8.self) }

    /// What it wrote to standard error so far.
    package var stderrSoFar: String { String(decoding: Sandbox.read(stderrPath), as: UTF8.self) }

    /// Sends a signal (SIGINT, SIGKILL …).
    package func send(_ signal: Int32) { launched.send(signal) }

    /// Waits up to `timeout` seconds for the end: its result, or nil if still running.
    package func wait(timeout: Double) -> RunResult? {
        guard launched.wait(timeout: timeout) else { return nil }
        let (status, signaled) = launched.status
        return RunResult(
            command: launched.description, status: status, signaled: signaled,
            stdoutBytes: Sandbox.read(stdoutPath), stderrBytes: Sandbox.read(stderrPath))
    }
}
