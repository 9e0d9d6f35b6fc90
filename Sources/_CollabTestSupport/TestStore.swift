import CollabCore
#if canImport(Glibc)
import Glibc
#endif

/// A temporary folder, removed when the value is released.
package final class TemporaryFolder {
    /// Its path.
    package let path: String

    /// Creates a new empty folder under /tmp.
    package init() {
        var template = Array("/tmp/collab-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit { _ = system("rm -rf '\(path)'") }
}

/// A fresh store, built with the production configuration, with an admin `root`.
package final class TestStore {
    /// The folder that holds it.
    package let folder = TemporaryFolder()
    /// The store.
    package let store: Store
    /// The admin actor.
    package let admin = Actor(id: "root", role: .admin)
    /// A fixed time for writes.
    package let now = Instant(seconds: 1_795_435_200)  // 2026-11-23T12:00:00Z

    /// Where the store is (a file in `folder`, or a database of its own on PostgreSQL).
    package let location: StoreLocation

    /// Creates the store and its admin.
    package init() throws {
        location = TestDatabases.onPostgres
            ? StoreLocation(url: try TestDatabases.create()) : StoreLocation(path: folder.path + "/collab.db", isDefault: false)
        store = try Store.create(location, busyTimeout: 5).0
        _ = try write { tx in try Directory.addUser(tx, Actor(id: "root", role: .admin), UserSpec(id: "root", name: "Root", role: .admin)) }
    }

    deinit {
        if let url = location.url { TestDatabases.drop(url) }
    }

    /// One write as `actor` (the admin by default).
    package func write<T>(as actor: String = "root", _ body: (Transaction) throws -> T) throws -> T {
        try store.write(actor: actor, now: now) { try body($0) }.result
    }

    /// One read.
    package func read<T>(_ body: (SQL) throws -> T) throws -> T { try store.read(body) }
}
