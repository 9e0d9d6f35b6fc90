import Testing
import CollabCore
import _CollabTestSupport

/// Exit codes (SPEC §6) and how errors are reported on standard error (SPEC §5): text for
/// people, `error` records with `--format ndjson|json` or `COLLAB_ERRORS=json`, and never
/// anything on standard output.
@Suite struct ExitCodeTests {
    /// A failing command, the exit code and error code it must give, and a fragment of
    /// its message.
    struct Failure: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let exit: Int32
        let code: String
        let fragment: String
        var env: [String: String] = [:]
        var testDescription: String { arguments.joined(separator: " ") + " → \(exit)" }
    }

    static let failures: [Failure] = [
        Failure(arguments: ["user", "show", "ghost"], exit: 1, code: "not_found", fragment: "ghost"),
        Failure(arguments: ["user", "add", "Bad"], exit: 65, code: "bad_input", fragment: "Bad"),
        Failure(arguments: ["user", "add", "bob", "--name", "Other"], exit: 73, code: "conflict", fragment: "bob"),
        Failure(arguments: ["user", "update", "bob", "--name", "X", "--if-rev", "7"], exit: 73, code: "conflict", fragment: "rev"),
        Failure(arguments: ["user", "add", "eve"], exit: 77, code: "denied", fragment: "bob", env: ["COLLAB_USER": "bob"]),
        Failure(arguments: ["user", "list"], exit: 77, code: "denied", fragment: "nobody", env: ["COLLAB_USER": "nobody"]),
        Failure(arguments: ["user", "list"], exit: 78, code: "config", fragment: "collab-admin init", env: ["COLLAB_DB": "/nonexistent/collab.db"]),
        Failure(arguments: ["user", "import", "/nonexistent/users.csv"], exit: 74, code: "io", fragment: "/nonexistent/users.csv"),
        Failure(arguments: ["user", "list"], exit: 78, code: "config", fragment: "COLLAB_NOW", env: ["COLLAB_NOW": "yesterday-ish"]),
    ]

    static func store() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("bob", extra: ["--name", "Bob"])
        return s
    }

    @Test(arguments: failures)
    func textErrorsNameTheProgram(_ f: Failure) throws {
        let s = try Self.store()
        let r = try s.run("collab-admin", f.arguments, env: f.env)
        #expect(r.status == f.exit, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.hasPrefix("collab-admin: error: "), "\(r)")
        #expect(r.stderr.contains(f.fragment), "\(r)")
    }

    @Test(arguments: failures)
    func errorsAreRecordsWithCOLLAB_ERRORS(_ f: Failure) throws {
        let s = try Self.store()
        var env = f.env
        env["COLLAB_ERRORS"] = "json"
        let r = try s.run("collab-admin", f.arguments + ["--format", "table"], env: env)
        try checkErrorRecords(r, f)
    }

    @Test(arguments: failures, ["ndjson", "json"])
    func errorsAreRecordsWithAJSONFormat(_ f: Failure, _ format: String) throws {
        let s = try Self.store()
        let r = try s.run("collab-admin", f.arguments + ["--format", format], env: f.env)
        try checkErrorRecords(r, f)
    }

    @Test func errorsAreRecordsWhenTheFormatComesFromTheEnvironment() throws {
        let s = try Self.store()
        let r = try s.run("collab-admin", ["user", "show", "ghost"], env: ["COLLAB_FORMAT": "ndjson"])
        try checkErrorRecords(r, Self.failures[0])
    }

    private func checkErrorRecords(_ r: RunResult, _ f: Failure, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == f.exit, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r)", sourceLocation: sourceLocation)
        let errors = try r.errorRecords()
        try #require(!errors.isEmpty, "\(r)", sourceLocation: sourceLocation)
        for e in errors {
            #expect(e.string("type") == "error", sourceLocation: sourceLocation)
            #expect(e.string("id")?.isEmpty == false, sourceLocation: sourceLocation)
            #expect(e.string("message")?.isEmpty == false, sourceLocation: sourceLocation)
        }
        let last = try #require(errors.last)
        #expect(last.string("code") == f.code, "\(r)", sourceLocation: sourceLocation)
        #expect(last.int("exit") == Int(f.exit), "\(r)", sourceLocation: sourceLocation)
        #expect(errors.contains { $0.string("message")?.contains(f.fragment) == true }, "\(r)", sourceLocation: sourceLocation)
    }

    @Test func showOfSeveralKeepsStandardOutputForTheFoundRecords() throws {
        let s = try Self.store()
        let r = try s.run("collab-admin", ["user", "show", "bob", "ghost"], env: ["COLLAB_ERRORS": "json"])
        #expect(r.status == 1)
        #expect(try r.ids() == ["bob"])
        let errors = try r.errorRecords()
        #expect(errors.first?.string("message") == "user 'ghost' not found")
        #expect(errors.allSatisfy { $0.int("exit") == 1 && $0.string("code") == "not_found" })
    }

    @Test func theErrorRecordsOfOneRunHaveDistinctIds() throws {
        let s = try Self.store()
        let r = try s.fails(1, "user", "show", "ghost", "bob", "phantom", env: ["COLLAB_ERRORS": "json"])
        let ids = try r.errorRecords().map { $0.string("id") ?? "" }
        #expect(ids.count >= 2, "\(r)")
        #expect(Set(ids).count == ids.count, "each error record of a run has its own id: \(ids)")
    }

    @Test(arguments: [["bogus"], ["user", "list", "--bogus"], ["user", "list", "--format", "bogus"], ["user", "add"]])
    func usageErrorsAreRecordsWithCOLLAB_ERRORS(_ arguments: [String]) throws {
        let s = try Self.store()
        let r = try s.run("collab-admin", arguments, env: ["COLLAB_ERRORS": "json"])
        #expect(r.status == 64, "\(r)")
        #expect(r.stdout.isEmpty)
        let errors = try r.errorRecords()
        #expect(errors.first?.string("type") == "error", "\(r)")
        #expect(errors.first?.string("code") == "usage", "\(r)")
        #expect(errors.first?.int("exit") == 64, "\(r)")
    }

    @Test func aHeldWriteLockIsBusyAfterTheTimeout() throws {
        let s = try Self.store()
        // Another process holds the store's write lock for 4 s: SQLite's, or on PostgreSQL
        // the advisory lock every write takes (Store.writeLockKey).
        let holder = TestDatabases.onPostgres
            ? try s.start(
                "psql", ["-X", "-q", "-A", "-t", s.dbPath],
                stdin: "BEGIN;\nSELECT pg_advisory_xact_lock(\(Store.writeLockKey));\nSELECT 'locked';\nSELECT pg_sleep(4);\nCOMMIT;\n")
            : try s.start("sqlite3", ["-batch", s.dbPath], stdin: "BEGIN IMMEDIATE;\nSELECT 'locked';\n.shell sleep 4\nCOMMIT;\n")
        try #require(eventually(timeout: 10) { holder.stdoutSoFar.contains("locked") }, "the holder did not take the lock: \(holder.stderrSoFar)")
        let started = monotonicSeconds()
        let r = try s.run("collab-admin", ["user", "add", "eve", "--busy-timeout", "300ms"], env: ["COLLAB_ERRORS": "json"])
        let waited = monotonicSeconds() - started
        #expect(r.status == 75, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(try r.errorRecords().last?.string("code") == "busy", "\(r)")
        #expect(waited >= 0.25, "it gave up before the busy timeout")
        #expect(holder.isRunning, "the lock was still held when it gave up")
        // Readers are not blocked by a writer (WAL).
        #expect(try s.ok("user", "list", "-q").lines == ["bob", "root"])
        // With a long enough timeout, a writer waits for the lock instead of failing.
        let waiting = try s.run("collab-admin", ["user", "add", "eve"], env: ["COLLAB_BUSY_TIMEOUT": "20s"])
        #expect(waiting.status == 0, "\(waiting)")
        let end = holder.wait(timeout: 20)
        #expect(end?.status == 0, "\(String(describing: end))")
        #expect(try s.userIds() == ["bob", "eve", "root"])
    }

    @Test func aBadBusyTimeoutIsAUsageError() throws {
        let s = try Self.store()
        try s.fails(64, "user", "list", "--busy-timeout", "soon")
    }
}
