#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import _CollabTestSupport

/// The store under many writers and the PostgreSQL store's own promises (issue 3): these
/// run on both stores like the rest of the suite (scripts/test runs it twice); the tests
/// about the server itself run only on PostgreSQL.
@Suite(.serialized) struct SharedStoreTests {
    /// 16 processes of three programs write at once: every write is there, the chain's
    /// seqs follow each other with no gap and the chain verifies. On PostgreSQL the
    /// writers connect over loopback (the test server's URL is 127.0.0.1).
    @Test func sixteenWritersOfThreeProgramsLoseNothing() throws {
        let s = try Sandbox()
        try s.msg(["channel", "add", "general"])
        let writers = 16, perWriter = 25
        var loops: [BackgroundProcess] = []
        for k in 1...writers {
            let command: String
            switch k % 3 {
            case 0: command = "collab-admin user add w\(k)-$i --name x"
            case 1: command = "collab-task add \"task $i of writer \(k)\""
            default: command = "collab-msg post general \"message $i of writer \(k)\""
            }
            let script = "for i in $(seq 1 \(perWriter)); do \(command) >/dev/null || { echo \"failed at $i\" >&2; exit 1; }; done"
            loops.append(try s.start("/bin/sh", ["-c", script]))
        }
        let deadline = monotonicSeconds() + 600
        for (k, loop) in loops.enumerated() {
            let end = try #require(loop.wait(timeout: max(0, deadline - monotonicSeconds())), "writer \(k + 1) still running after 600 s")
            #expect(end.status == 0 && !end.signaled, "writer \(k + 1): \(end)")
        }
        let userWriters = (1...writers).filter { $0 % 3 == 0 }.count
        let taskWriters = (1...writers).filter { $0 % 3 == 1 }.count
        let msgWriters = writers - userWriters - taskWriters
        #expect(try s.userIds().count == 1 + userWriters * perWriter)
        let tasks = try s.run("collab-task", ["list", "-q"])
        #expect(tasks.lines.count == taskWriters * perWriter, "\(tasks)")
        let messages = try s.msg(["list", "general", "-q"])
        #expect(messages.lines.count == msgWriters * perWriter)
        let total = 2 + writers * perWriter  // init's admin, the channel, then every write
        let seqs = try s.changes().map { $0.int("seq") ?? 0 }
        #expect(seqs == Array(1...total))
        let v = try s.verify()
        #expect(v.status == 0 && v.record.bool("ok") == true, "\(v.result)")
        #expect(v.record.int("changes") == total)
    }

    /// A server that cannot be reached is "unavailable" (exit 69), for reads and writes.
    @Test func anUnreachableServerExits69() throws {
        let s = try Sandbox(initialise: false)
        let url = "postgresql://collab@127.0.0.1:1/nowhere?connect_timeout=5"
        for args in [["user", "list"], ["user", "add", "ann"], ["init", "--admin", "root"]] {
            let r = try s.run("collab-admin", args, env: ["COLLAB_DB": url])
            #expect(r.status == 69, "\(r)")
            #expect(r.stderr.contains("cannot reach the PostgreSQL store"), "\(r)")
        }
        let hidden = try s.run("collab-task", ["list"], env: ["COLLAB_DB": "postgresql://collab:s3cret@127.0.0.1:1/x"])
        #expect(hidden.status == 69)
        #expect(!hidden.stderr.contains("s3cret"), "a password in the URL is never printed: \(hidden)")
    }

    /// libpq and libcurl are opened on first use, not at start: a command on SQLite loads
    /// neither (they and the libraries behind them cost about 6 ms on every start), one on
    /// PostgreSQL loads libpq only, and a webhook delivery loads libcurl. Read from the
    /// dynamic loader's own trace (LD_DEBUG=libs, on standard error).
    @Test func theClientLibrariesAreLoadedOnlyWhenUsed() throws {
        let s = try Sandbox()
        func loaded(_ program: String, _ args: [String]) throws -> Set<String> {
            let r = try s.run(program, args, env: ["LD_DEBUG": "libs"])
            #expect(r.status == 0, "\(r)")
            let inits = r.stderr.split(separator: "\n").filter { $0.contains("calling init:") }
            #expect(!inits.isEmpty, "no loader trace: \(r.stderr.prefix(500))")
            return Set(["libpq", "libcurl"].filter { name in inits.contains { $0.contains("/\(name)") } })
        }
        let list = try loaded("collab-admin", ["user", "list"])
        #expect(list == (TestDatabases.onPostgres ? ["libpq"] : []))
        try s.msg(["channel", "add", "general"])
        try s.msg(["hook", "add", "general", "http://127.0.0.1:1/hook"])
        try s.post("general", "bonjour")
        let deliver = try s.run("collab-msg", ["hook", "deliver", "--timeout", "2s"], env: ["LD_DEBUG": "libs"])
        #expect(deliver.stderr.contains("libcurl"), "\(deliver.stderr.suffix(800))")
    }

    /// A machine without libpq or libcurl: a PostgreSQL store and a webhook delivery exit
    /// 78 and name the Debian package to install; everything else works. The libraries are
    /// hidden for real: each command runs in a mount namespace of its own (unshare) where
    /// /dev/null is mounted over every file the loader could open under those names.
    @Test(.enabled(if: LibraryHider.available, "unshare -rm is not allowed on this machine"))
    func aMachineWithoutTheClientLibrariesExits78() throws {
        let s = try Sandbox()
        let withoutPQ = try LibraryHider(hiding: ["libpq.so.5"])
        let withoutCurl = try LibraryHider(hiding: ["libcurl.so.4", "libcurl-gnutls.so.4"])
        let shared = try s.run("unshare", withoutPQ.arguments(["collab-admin", "user", "list", "-q"]))
        if TestDatabases.onPostgres {
            #expect(shared.status == 78, "\(shared)")
            #expect(shared.stderr.contains("install Debian's libpq5"), "\(shared)")
        } else {
            #expect(shared.status == 0 && shared.lines == ["root"], "an SQLite store needs no libpq: \(shared)")
        }
        let remote = try s.run(
            "unshare", withoutPQ.arguments(["collab-task", "list"]),
            env: ["COLLAB_DB": "postgresql://collab@127.0.0.1:1/x"])
        #expect(remote.status == 78 && remote.stderr.contains("libpq"), "\(remote)")
        try s.msg(["channel", "add", "general"])
        try s.msg(["hook", "add", "general", "http://127.0.0.1:1/hook"])
        try s.post("general", "bonjour")
        let deliver = try s.run("unshare", withoutCurl.arguments(["collab-msg", "hook", "deliver", "--timeout", "2s"]))
        #expect(deliver.status == 78, "\(deliver)")
        #expect(deliver.stderr.contains("install Debian's libcurl4"), "\(deliver)")
        #expect(deliver.stdout.isEmpty, "nothing is attempted: \(deliver)")
        let attempt = try s.run("collab-msg", ["hook", "deliver", "--timeout", "2s"])
        #expect(attempt.status == 69, "\(attempt)")
        #expect(try attempt.record().int("attempts") == 1, "the 78 counted no attempt: \(attempt)")
        let post = try s.run("unshare", withoutCurl.arguments(["collab-msg", "post", "general", "sans curl"]))
        #expect(post.status == 0, "posting needs no libcurl: \(post)")
    }

    /// On PostgreSQL, backup and restore point to the server's own tools (exit 78).
    @Test(.enabled(if: TestDatabases.onPostgres)) func backupOfAPostgreSQLStoreIsTheServersJob() throws {
        let s = try Sandbox()
        let r = try s.fails(78, "backup", s.path + "/b.db")
        #expect(r.stderr.contains("pg_dump"), "\(r)")
        try s.fails(78, "restore", s.path + "/b.db")
    }

    /// French stemming on PostgreSQL: a verb finds its other forms, and accents are folded
    /// as on SQLite.
    @Test(.enabled(if: TestDatabases.onPostgres)) func searchOnPostgreSQLStems() throws {
        let s = try Sandbox()
        try s.msg(["channel", "add", "general"])
        let id = try s.post("general", "Nous préparons les réunions budgétaires")
        try s.post("general", "Rien à voir")
        #expect(try s.msgIds(["search", "préparer"]) == [id])
        #expect(try s.msgIds(["search", "reunion budgetaire"]) == [id])
        try s.run("collab-task", ["add", "Préparation du conseil municipal"]).requireSuccess()
        #expect(try s.run("collab-task", ["list", "--query", "conseils", "-q"]).lines == ["task-1"])
    }

    /// `tail -f` on PostgreSQL wakes on the server's notification: with a one-minute
    /// --interval, a message posted by another program still arrives (polling alone would
    /// wait out the minute, past the test's 30 s).
    @Test(.enabled(if: TestDatabases.onPostgres)) func followWakesOnNotification() throws {
        let s = try Sandbox()
        try s.msg(["channel", "add", "general"])
        let follower = try s.start("collab-msg", ["tail", "-f", "general", "--interval", "60s"])
        let feed = try s.start("collab-admin", ["feed", "--follow", "--interval", "60s", "--since", "2"])
        usleep(500_000)
        let id = try s.post("general", "réveil")
        #expect(eventually(timeout: 30) { follower.stdoutSoFar.contains(id) }, "\(follower.stderrSoFar)")
        #expect(eventually(timeout: 30) { feed.stdoutSoFar.contains("\"seq\":3") }, "\(feed.stderrSoFar)")
        follower.send(SIGINT)
        feed.send(SIGINT)
        #expect(try #require(follower.wait(timeout: 30)).status == 0)
        #expect(try #require(feed.wait(timeout: 30)).status == 0)
    }

    /// The server stopped in the middle of an import: the import exits 69, nothing of it
    /// is in the store, and once the server is back the next command works and the chain
    /// verifies. Runs on a cluster of its own (scripts/pg-cluster), so that stopping it
    /// leaves the other tests' server alone.
    @Test(.enabled(if: TestDatabases.onPostgres)) func theServerStoppedMidCommandLeavesNothingHalfWritten() throws {
        let cluster = TemporaryFolder()
        chmod(cluster.path, 0o755)  // the server runs as an unprivileged user
        defer { _ = try? TestDatabases.cluster("stop", cluster.path) }
        let url = try TestDatabases.cluster("start", cluster.path)
        let s = try Sandbox(initialise: false)
        let env = ["COLLAB_DB": url]
        #expect(try s.run("collab-admin", ["init", "--admin", "root"], env: env).status == 0)
        #expect(try s.run("collab-admin", ["user", "add", "ann"], env: env).status == 0)
        var lines: [UInt8] = []
        for i in 1...100_000 { lines += Array("{\"id\":\"imp-\(i)\",\"name\":\"Imported \(i)\"}\n".utf8) }
        let file = try s.writeFile("many.ndjson", bytes: lines)
        let importer = try s.start("collab-admin", ["user", "import", file, "-q"], env: env)
        usleep(1_500_000)
        try #require(importer.isRunning, "the import ended within 1.5 s: grow its input")
        _ = try TestDatabases.cluster("stop", cluster.path)
        let end = try #require(importer.wait(timeout: 60))
        #expect(end.status == 69 && !end.signaled, "\(end)")
        #expect(end.stderr.contains("PostgreSQL store"), "\(end)")
        // While it is down: 69 again.
        #expect(try s.run("collab-admin", ["user", "list"], env: env).status == 69)
        _ = try TestDatabases.cluster("start", cluster.path)
        let users = try s.run("collab-admin", ["user", "list", "-q"], env: env)
        #expect(users.lines == ["ann", "root"], "\(users)")
        #expect(try s.run("collab-admin", ["user", "add", "bob"], env: env).status == 0)
        let v = try s.run("collab-admin", ["audit", "verify"], env: env)
        #expect(v.status == 0, "\(v)")
        #expect(try v.record().int("changes") == 3)
    }
}

/// Runs a command with some shared libraries hidden: `unshare -rm` gives it a mount
/// namespace of its own, where /dev/null is mounted over each file `ldconfig -p` lists for
/// the given sonames (the loader then fails to open them, as if they were not installed).
struct LibraryHider {
    let files: [String]

    /// Whether this machine lets the tests make a user and mount namespace.
    static let available: Bool = {
        guard let r = try? Sandbox(initialise: false).run("unshare", ["-rm", "true"]) else { return false }
        return r.status == 0
    }()

    init(hiding sonames: [String]) throws {
        let cache = try Sandbox(initialise: false).run("ldconfig", ["-p"])
        var files: Set<String> = []
        for line in cache.lines {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let name = parts.first, sonames.contains(String(name)), let path = parts.last, path.hasPrefix("/") else { continue }
            if let real = realpath(String(path), nil) {
                files.insert(String(cString: real))
                free(real)
            }
        }
        try #require(!files.isEmpty, "ldconfig -p lists none of \(sonames): \(cache)")
        self.files = files.sorted()
    }

    /// The arguments of `unshare` that run `command` with the files hidden.
    func arguments(_ command: [String]) -> [String] {
        let mounts = files.map { "mount --bind /dev/null '\($0)'" }.joined(separator: " && ")
        return ["-rm", "/bin/sh", "-c", mounts + " && exec \"$@\"", "sh"] + command
    }
}

extension RunResult {
    /// Requires exit 0.
    func requireSuccess(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(status == 0 && !signaled, "\(self)", sourceLocation: sourceLocation)
    }
}
