import Testing
import _CollabTestSupport

/// `collab-admin init` and opening a store: creation, permissions, idempotency, and the
/// configuration errors (exit 78) of a missing, foreign or newer store.
@Suite struct AdminInitTests {
    @Test func createsThePrivateStoreAndTheFirstAdmin() throws {
        let s = try Sandbox(initialise: false, store: "new/sub/collab.db")
        #expect(!Sandbox.exists(s.dbPath))
        let r = try s.ok("init", "--admin", "alice", "--name", "Alice", "--email", "alice@mairie.example")
        let admin = try r.record()
        #expect(admin.string("type") == "user")
        #expect(admin.string("id") == "alice")
        #expect(admin.string("name") == "Alice")
        #expect(admin.string("email") == "alice@mairie.example")
        #expect(admin.string("role") == "admin")
        #expect(admin.string("status") == "active")
        #expect(admin.int("rev") == 1)
        #expect(admin.string("created") == Sandbox.now)
        #expect(admin.string("updated") == Sandbox.now)
        #expect(r.stderr.isEmpty)
        if TestDatabases.onSQLite {
            if TestDatabases.onSQLite { #expect(Sandbox.mode(of: s.dbPath) == 0o600) }
            #expect(Sandbox.mode(of: s.path + "/new/sub") == 0o700)
            #expect(Sandbox.mode(of: s.path + "/new") == 0o700)
        }
        // The admin can act at once.
        #expect(try s.ok("user", "list", "-q", env: ["COLLAB_USER": "alice"]).lines == ["alice"])
    }

    @Test func theFirstChangeIsTheAdminsCreation() throws {
        let s = try Sandbox()
        let changes = try s.changes()
        try #require(changes.count == 1)
        let c = changes[0]
        #expect(c.string("type") == "change")
        #expect(c.int("seq") == 1)
        #expect(c.string("op") == "create")
        #expect(c.string("record_type") == "user")
        #expect(c.string("record_id") == "root")
        #expect(c.string("actor") == "root")
        #expect(c.string("ts") == Sandbox.now)
        #expect(c.string("prev_hash") == String(repeating: "0", count: 64))
        #expect(c.string("hash")?.count == 64)
        #expect(c.object("record")?.string("name") == Sandbox.adminName)
    }

    @Test func theDefaultStoreIsUnderHome() throws {
        let s = try Sandbox(initialise: false)
        let r = try s.ok("init", "--admin", "root", env: ["COLLAB_DB": ""])
        #expect(try r.record().string("id") == "root")
        let db = s.path + "/.local/share/collab/collab.db"
        #expect(Sandbox.mode(of: db) == 0o600)
        #expect(Sandbox.mode(of: s.path + "/.local/share/collab") == 0o700)
        #expect(!Sandbox.exists(s.dbPath))
    }

    @Test func xdgDataHomeMovesTheDefaultStore() throws {
        let s = try Sandbox(initialise: false)
        try s.ok("init", "--admin", "root", env: ["COLLAB_DB": "", "XDG_DATA_HOME": s.path + "/xdg"])
        #expect(Sandbox.mode(of: s.path + "/xdg/collab/collab.db") == 0o600)
        #expect(try s.ok("user", "list", "-q", env: ["COLLAB_DB": "", "XDG_DATA_HOME": s.path + "/xdg"]).lines == ["root"])
    }

    @Test func theAdminDefaultsToTheActingUser() throws {
        let s = try Sandbox(initialise: false)
        let admin = try s.ok("init", env: ["COLLAB_USER": "zoe"]).record()
        #expect(admin.string("id") == "zoe")
        #expect(admin.string("name") == "zoe")
        #expect(admin.string("role") == "admin")
    }

    @Test func aSecondInitWithTheSameAdminChangesNothing() throws {
        let s = try Sandbox()
        let before = try s.changes()
        let r = try s.ok("init", "--admin", "root")
        let admin = try r.record()
        #expect(admin.string("id") == "root")
        #expect(admin.int("rev") == 1)
        #expect(admin.string("name") == Sandbox.adminName)
        #expect(try s.changes().count == before.count)
        if TestDatabases.onSQLite { #expect(Sandbox.mode(of: s.dbPath) == 0o600) }
    }

    @Test func initForAnotherAdminIsAConflict() throws {
        let s = try Sandbox()
        let r = try s.fails(73, "init", "--admin", "bob")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("collab-admin: error:"))
        #expect(r.stderr.contains("already initialised"))
        #expect(try s.userIds() == ["root"])
    }

    @Test func initWithAMemberIdIsAConflict() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        let r = try s.fails(73, "init", "--admin", "bob")
        #expect(r.stderr.contains("'bob' is not an admin"))
        #expect(try s.user("bob").string("role") == "member")
    }

    @Test(arguments: ["BAD", "-x", "a b"])
    func aFailedInitLeavesNoStoreBehind(_ admin: String) throws {
        let s = try Sandbox(initialise: false)
        let r = try s.fails(65, "init", "--admin=\(admin)")
        #expect(r.stderr.contains("invalid admin"), "\(r)")
        #expect(!Sandbox.exists(s.dbPath), "a failed init must leave the store as it found it (none)")
        let after = try s.fails(78, "user", "list")
        #expect(after.stderr.contains("collab-admin init"), "\(after)")
    }

    @Test(arguments: [
        ["user", "list"], ["user", "show", "root"], ["user", "add", "bob"], ["group", "list"],
        ["audit", "verify"], ["audit", "list"], ["feed"], ["user", "import", "-"],
    ])
    func aMissingStoreIsAConfigurationError(_ arguments: [String]) throws {
        let s = try Sandbox(initialise: false)
        let r = try s.run("collab-admin", arguments, stdin: "")
        #expect(r.status == 78, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("collab-admin init"), "\(r)")
        #expect(r.stderr.contains(s.dbPath), "\(r)")
        // Only init creates a store.
        #expect(!Sandbox.exists(s.dbPath))
    }

    @Test(.enabled(if: TestDatabases.onSQLite), arguments: [["user", "list"], ["user", "add", "bob"], ["init", "--admin", "root"]])
    func aFileThatIsNotSQLiteIsAConfigurationError(_ arguments: [String]) throws {
        let s = try Sandbox(initialise: false)
        let text = "name,email\nthis is not a database, but a spreadsheet that somebody saved here\n"
        try s.writeFile(s.dbPath, text)
        let r = try s.run("collab-admin", arguments)
        #expect(r.status == 78, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(s.dbPath), "\(r)")
        #expect(r.stderr.contains("not"), "\(r)")
        // The file is left as it was.
        #expect(Sandbox.read(s.dbPath) == Array(text.utf8))
    }

    @Test(.enabled(if: TestDatabases.onSQLite)) func anEmptySQLiteFileIsNotAStore() throws {
        let s = try Sandbox(initialise: false)
        try s.writeFile(s.dbPath, "")
        let r = try s.fails(78, "user", "list")
        #expect(r.stderr.contains("collab-admin init"), "\(r)")
    }

    @Test(arguments: [["user", "list"], ["user", "add", "bob"], ["audit", "verify"], ["init", "--admin", "root"]])
    func aStoreFromANewerVersionIsRefused(_ arguments: [String]) throws {
        let s = try Sandbox()
        try s.sqlite("UPDATE meta SET value = '999' WHERE key = 'schema_version';")
        #expect(try s.sqlite("SELECT value FROM meta WHERE key = 'schema_version';") == "999\n")
        let r = try s.run("collab-admin", arguments)
        #expect(r.status == 78, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("newer"), "\(r)")
        #expect(r.stderr.contains("999"), "\(r)")
        // Nothing was migrated or written.
        #expect(try s.sqlite("SELECT value FROM meta WHERE key = 'schema_version';") == "999\n")
        #expect(try s.sqlite("SELECT count(*) FROM users;") == "1\n")
    }

    @Test func aBadStorePathIsAConfigurationError() throws {
        let s = try Sandbox()
        let r = try s.fails(78, "user", "list", env: ["COLLAB_DB": s.path + "/folder/"])
        #expect(r.stderr.contains("folder/"), "\(r)")
        // A PostgreSQL server that does not answer is unavailable, not misconfigured.
        let pg = try s.fails(69, "user", "list", env: ["COLLAB_DB": "postgres://collab@127.0.0.1:1/collab"])
        #expect(pg.stderr.contains("PostgreSQL"), "\(pg)")
    }

    @Test func theDbOptionOverridesTheEnvironment() throws {
        let s = try Sandbox()
        let other = s.path + "/other/collab.db"
        try s.ok("init", "--admin", "root", "--db", other)
        try s.ok("user", "add", "only-there", "--db", other)
        #expect(try s.ok("user", "list", "-q", "--db", other).lines == ["only-there", "root"])
        #expect(try s.userIds() == ["root"])
    }
}
