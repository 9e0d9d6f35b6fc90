import CollabCore
internal import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which store the suite runs on. `scripts/test` runs the whole suite twice: once on
/// SQLite files, once with `COLLAB_TEST_PG` set to a PostgreSQL server's URL (the private
/// cluster of `scripts/pg-cluster`), where every sandbox and test store gets a database of
/// its own, dropped when the test ends. A test written once runs on both; the few about
/// the SQLite file itself (its bytes, its permissions, sqlite3 locks) are marked
/// `.enabled(if: TestDatabases.onSQLite)`.
package enum TestDatabases {
    /// The PostgreSQL server under test (`postgresql://collab@127.0.0.1:PORT`), or nil.
    package static let server: String? = {
        guard let s = ProcessInfo.processInfo.environment["COLLAB_TEST_PG"], !s.isEmpty else { return nil }
        return s.hasSuffix("/") ? String(s.dropLast()) : s
    }()

    /// Whether the suite runs on SQLite files.
    package static var onSQLite: Bool { server == nil }
    /// Whether the suite runs on PostgreSQL.
    package static var onPostgres: Bool { server != nil }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var count = 0

    /// A new empty database on the server; returns its URL.
    package static func create() throws -> String {
        guard let server else { throw RunnerError("no PostgreSQL server under test (COLLAB_TEST_PG)") }
        lock.lock()
        count += 1
        let name = "t_\(getpid())_\(count)"
        lock.unlock()
        try psql(server + "/collab", "CREATE DATABASE \(name)")
        return server + "/" + name
    }

    /// Drops the database at `url` (its connections closed first).
    package static func drop(_ url: String) {
        guard let server, let name = url.split(separator: "/").last else { return }
        _ = try? psql(server + "/collab", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL with psql on `url`; returns what it printed (`-At`: rows as `a|b`, as
    /// sqlite3 prints them).
    @discardableResult
    package static func psql(_ url: String, _ sql: String) throws -> String {
        let folder = TemporaryFolder()
        try Data(sql.utf8).write(to: URL(fileURLWithPath: folder.path + "/in.sql"))
        let p = try ProgramRunner.launch(
            "psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", folder.path + "/in.sql", url],
            environment: ProcessInfo.processInfo.environment, directory: folder.path, stdinPath: nil,
            stdoutPath: folder.path + "/out", stderrPath: folder.path + "/err")
        guard p.wait(timeout: 60) else { throw RunnerError("psql ran past 60 s") }
        let out = String(decoding: Sandbox.read(folder.path + "/out"), as: UTF8.self)
        guard p.status.0 == 0 else {
            throw RunnerError("psql failed: \(String(decoding: Sandbox.read(folder.path + "/err"), as: UTF8.self))")
        }
        return out
    }
}

extension TestDatabases {
    /// Runs `scripts/pg-cluster ACTION DIR` (a cluster of a test's own: `start` prints
    /// the URL of its `collab` database, which this returns).
    @discardableResult
    package static func cluster(_ action: String, _ dir: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let out = dir + "/.cluster.out", err = dir + "/.cluster.err"
        let p = try ProgramRunner.launch(
            root + "/scripts/pg-cluster", [action, dir + "/pg"], environment: ProcessInfo.processInfo.environment,
            directory: root, stdinPath: nil, stdoutPath: out, stderrPath: err)
        guard p.wait(timeout: 120) else { throw RunnerError("scripts/pg-cluster \(action) ran past 120 s") }
        guard p.status.0 == 0 else {
            throw RunnerError("scripts/pg-cluster \(action) failed: \(String(decoding: Sandbox.read(err), as: UTF8.self))")
        }
        return String(decoding: Sandbox.read(out), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
