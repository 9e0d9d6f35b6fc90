internal import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the runner itself (a program not found, a run past its deadline), as
/// opposed to a program that ran and failed.
package struct RunnerError: Error, CustomStringConvertible {
    /// What went wrong.
    package let message: String
    /// An error with this message.
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// Finds the built programs and runs them with `Foundation.Process`, standard output and
/// standard error going to files (so a chatty program never blocks on a full pipe).
package enum ProgramRunner {
    /// The folder that holds `collab-admin` and the other built programs: `COLLAB_BIN_DIR`
    /// if set, else the folder of the running test executable or one above it (under
    /// `swift test` the test bundle sits in `.build/debug/` beside the programs).
    package static func binDirectory() throws -> String {
        try located.get()
    }

    private static let located: Result<String, RunnerError> = {
        if let dir = ProcessInfo.processInfo.environment["COLLAB_BIN_DIR"], !dir.isEmpty {
            guard isExecutable(dir + "/collab-admin") else {
                return .failure(RunnerError("COLLAB_BIN_DIR='\(dir)' holds no executable collab-admin"))
            }
            return .success(dir)
        }
        var starts: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(exe) }
        if let exe = Bundle.main.executablePath { starts.append(exe) }
        if let first = CommandLine.arguments.first { starts.append(first) }
        for start in starts {
            var dir = (start as NSString).deletingLastPathComponent
            for _ in 0..<8 {
                if isExecutable(dir + "/collab-admin") { return .success(dir) }
                let up = (dir as NSString).deletingLastPathComponent
                if up == dir || up.isEmpty { break }
                dir = up
            }
        }
        let cwd = FileManager.default.currentDirectoryPath + "/.build/debug"
        if isExecutable(cwd + "/collab-admin") { return .success(cwd) }
        return .failure(
            RunnerError("cannot find the built collab-admin near \(starts.first ?? "?"): run 'swift build' or set COLLAB_BIN_DIR"))
    }()

    /// Whether `path` is an executable file.
    package static func isExecutable(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
            && access(path, X_OK) == 0
    }

    /// The full path of a program: a path as given, a built collab program, or a tool
    /// found on `PATH` (`sh`, `sqlite3`); nil when there is none.
    package static func resolve(_ program: String) -> String? {
        if program.contains("/") { return isExecutable(program) ? program : nil }
        if let bin = try? binDirectory(), isExecutable(bin + "/" + program) { return bin + "/" + program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where isExecutable("\(dir)/\(program)") { return "\(dir)/\(program)" }
        for dir in ["/usr/local/bin", "/usr/bin", "/bin"] where isExecutable("\(dir)/\(program)") { return "\(dir)/\(program)" }
        return nil
    }

    /// Starts `program` with exactly `environment`, in `directory`, reading `stdinPath`
    /// (or /dev/null), writing to `stdoutPath` and `stderrPath`.
    static func launch(
        _ program: String, _ arguments: [String], environment: [String: String], directory: String,
        stdinPath: String?, stdoutPath: String, stderrPath: String
    ) throws -> Launched {
        guard let executable = resolve(program) else { throw RunnerError("program '\(program)' not found") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.environment = environment
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        for path in [stdoutPath, stderrPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw RunnerError("cannot create \(path)")
            }
        }
        guard let out = FileHandle(forWritingAtPath: stdoutPath), let err = FileHandle(forWritingAtPath: stderrPath) else {
            throw RunnerError("cannot open the output files in \(directory)")
        }
        let input: FileHandle
        if let stdinPath {
            guard let h = FileHandle(forReadingAtPath: stdinPath) else { throw RunnerError("cannot open \(stdinPath)") }
            input = h
        } else {
            input = FileHandle.nullDevice
        }
        p.standardInput = input
        p.standardOutput = out
        p.standardError = err
        let launched = Launched(process: p, description: ([program] + arguments).joined(separator: " "))
        p.terminationHandler = { [done = launched.done] _ in done.signal() }
        defer {
            try? out.close()
            try? err.close()
            if stdinPath != nil { try? input.close() }
        }
        // The child inherits this thread's signal mask, and test threads block SIGINT,
        // SIGTERM and more: a program could then not be stopped the way a shell stops it.
        var unblocked = sigset_t()
        var saved = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try p.run()
        return launched
    }
}

/// A started process and the semaphore its end signals.
final class Launched: @unchecked Sendable {
    let process: Process
    let description: String
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var ended = false

    init(process: Process, description: String) {
        self.process = process
        self.description = description
    }

    /// Waits up to `timeout` seconds for the end; true if it ended.
    func wait(timeout: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if ended { return true }
        if done.wait(timeout: .now() + timeout) == .timedOut { return false }
        ended = true
        return true
    }

    /// The exit status, or the signal number when a signal ended it.
    var status: (status: Int32, signaled: Bool) {
        (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    /// Sends a signal to the process.
    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }
}
