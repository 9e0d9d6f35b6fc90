internal import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary folder with its own store, in which tests run the built programs with a
/// clean environment: `PATH` (the programs' folder first), `HOME` set to the folder,
/// `COLLAB_DB`, `COLLAB_USER` and a fixed `COLLAB_NOW`; no `TZ` unless a test gives one.
package final class Sandbox: @unchecked Sendable {
    /// The fixed clock of every run (`COLLAB_NOW`).
    package static let now = "2026-11-23T09:20:00Z"
    /// The first admin's name given to `init`.
    package static let adminName = "Root Admin"

    /// The folder, removed when the sandbox is released.
    package let folder: TemporaryFolder
    /// The store's path (`COLLAB_DB`): a file in the folder, or the URL of a database of
    /// its own when the suite runs on PostgreSQL (`TestDatabases`).
    package let dbPath: String
    /// The acting user (`COLLAB_USER`) unless a run says otherwise.
    package let user: String
    private let lock = NSLock()
    private var runs = 0

    /// The folder's path.
    package var path: String { folder.path }

    /// A sandbox whose store is at `store` inside the folder; with `initialise`, runs
    /// `collab-admin init --admin USER --name "Root Admin"` first.
    package init(user: String = "root", initialise: Bool = true, store: String = "data/collab.db") throws {
        folder = TemporaryFolder()
        dbPath = TestDatabases.onPostgres ? try TestDatabases.create() : folder.path + "/" + store
        self.user = user
        if initialise {
            let r = try run("collab-admin", ["init", "--admin", user, "--name", Self.adminName])
            guard r.status == 0 else { throw RunnerError("collab-admin init failed in a new sandbox\n\(r)") }
        }
    }

    deinit {
        if TestDatabases.onPostgres { TestDatabases.drop(dbPath) }
    }

    /// The environment every run starts from.
    package var environment: [String: String] {
        let bin = (try? ProgramRunner.binDirectory()) ?? ""
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return [
            "PATH": bin + ":" + inherited, "HOME": path, "COLLAB_DB": dbPath, "COLLAB_USER": user,
            "COLLAB_NOW": Self.now,
        ]
    }

    /// `environment` with `changes` applied; an empty value removes the variable.
    package func environment(with changes: [String: String]) -> [String: String] {
        var env = environment
        for (k, v) in changes { env[k] = v.isEmpty ? nil : v }
        return env
    }

    /// Runs `program` (a built collab program, or a tool on PATH) to its end, feeding it
    /// `stdin`, and returns what it did. Throws if it runs past `timeout` seconds (it is
    /// then killed).
    package func run(
        _ program: String, _ arguments: [String], stdin: String? = nil, env: [String: String] = [:],
        timeout: Double = 120
    ) throws -> RunResult {
        try run(program, arguments, stdinBytes: stdin.map { Array($0.utf8) }, env: env, timeout: timeout)
    }

    /// `run` with standard input as bytes (to feed invalid UTF-8).
    package func run(
        _ program: String, _ arguments: [String], stdinBytes: [UInt8]?, env: [String: String] = [:], timeout: Double = 120
    ) throws -> RunResult {
        let n = nextRun()
        let base = path + "/.run-\(n)"
        var stdinPath: String?
        if let stdinBytes { stdinPath = try writeFile(".run-\(n).in", bytes: stdinBytes) }
        let launched = try ProgramRunner.launch(
            program, arguments, environment: environment(with: env), directory: path, stdinPath: stdinPath,
            stdoutPath: base + ".out", stderrPath: base + ".err")
        guard launched.wait(timeout: timeout) else {
            launched.send(SIGKILL)
            _ = launched.wait(timeout: 10)
            throw RunnerError("'\(launched.description)' still ran after \(Int(timeout)) s: killed")
        }
        let (status, signaled) = launched.status
        return RunResult(
            command: launched.description, status: status, signaled: signaled,
            stdoutBytes: Self.read(base + ".out"), stderrBytes: Self.read(base + ".err"))
    }

    /// Runs `collab-admin` with these arguments.
    package func admin(_ arguments: String..., stdin: String? = nil, env: [String: String] = [:]) throws -> RunResult {
        try run("collab-admin", arguments, stdin: stdin, env: env)
    }

    /// Starts `program` in the background; see `BackgroundProcess`.
    package func start(
        _ program: String, _ arguments: [String], stdin: String? = nil, env: [String: String] = [:]
    ) throws -> BackgroundProcess {
        let n = nextRun()
        let base = path + "/.run-\(n)"
        var stdinPath: String?
        if let stdin { stdinPath = try writeFile(".run-\(n).in", bytes: Array(stdin.utf8)) }
        let launched = try ProgramRunner.launch(
            program, arguments, environment: environment(with: env), directory: path, stdinPath: stdinPath,
            stdoutPath: base + ".out", stderrPath: base + ".err")
        return BackgroundProcess(launched, stdoutPath: base + ".out", stderrPath: base + ".err")
    }

    /// Writes a file in the folder; returns its path.
    @discardableResult
    package func writeFile(_ name: String, _ text: String) throws -> String {
        try writeFile(name, bytes: Array(text.utf8))
    }

    /// Writes bytes to a file in the folder (or at an absolute path), creating its
    /// folder if needed; returns its path.
    @discardableResult
    package func writeFile(_ name: String, bytes: [UInt8]) throws -> String {
        let p = name.hasPrefix("/") ? name : path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: p, contents: Data(bytes)) else { throw RunnerError("cannot write \(p)") }
        return p
    }

    /// Runs SQL on the store with the `sqlite3` command-line tool (with `psql` when the
    /// suite runs on PostgreSQL), behind collab's back (to tamper with it); returns what
    /// it printed, rows as `a|b`.
    @discardableResult
    package func sqlite(_ sql: String, database: String? = nil) throws -> String {
        if TestDatabases.onPostgres, database == nil { return try TestDatabases.psql(dbPath, sql) }
        guard ProgramRunner.resolve("sqlite3") != nil else {
            throw RunnerError(
                "these tests need the sqlite3 command-line tool to alter the store directly: install it (apt-get install sqlite3)")
        }
        let r = try run("sqlite3", ["-batch", "-bail", database ?? dbPath], stdin: sql + "\n", timeout: 60)
        guard r.status == 0 else { throw RunnerError("sqlite3 failed\n\(r)") }
        return r.stdout
    }

    /// The permission bits of a file or folder (`0o600`), or nil if it does not exist.
    package static func mode(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_mode) & 0o7777
    }

    /// The size of a file, or nil if it does not exist.
    package static func size(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// Whether a file exists.
    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The bytes of a file (empty if unreadable).
    package static func read(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { Array($0) } ?? []
    }

    private func nextRun() -> Int {
        lock.lock()
        defer { lock.unlock() }
        runs += 1
        return runs
    }
}

/// Polls `condition` every `interval` seconds until it holds or `timeout` seconds pass;
/// returns whether it held.
package func eventually(timeout: Double, interval: Double = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = monotonicSeconds() + timeout
    while true {
        if try condition() { return true }
        if monotonicSeconds() >= deadline { return false }
        usleep(useconds_t(interval * 1_000_000))
    }
}

/// Seconds on a monotonic clock.
package func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
