import Testing
import _CollabTestSupport

/// `collab-admin user add|update --db-role` and the row-level security policies of a
/// PostgreSQL store: a user connecting with `psql` as their own role reads exactly what
/// collab shows them, cannot write, cannot read the audit log; disabling, enabling and
/// erasing the user follow on the role; SQLite refuses the option (78).
@Suite struct AdminDBRoleTests {
    // MARK: helpers

    /// The store's URL with `role` as the user (trust authentication in the test cluster).
    static func url(_ s: Sandbox, as role: String) -> String {
        s.dbPath.replacing("://collab@", with: "://\(role)@", maxReplacements: 1)
    }

    /// Rows that psql prints for `sql`, connected as `role`.
    static func rows(_ s: Sandbox, as role: String, _ sql: String) throws -> [String] {
        try TestDatabases.psql(url(s, as: role), sql).split(separator: "\n").map(String.init)
    }

    /// Rows as the store's owner.
    static func owner(_ s: Sandbox, _ sql: String) throws -> [String] {
        try TestDatabases.psql(s.dbPath, sql).split(separator: "\n").map(String.init)
    }

    /// The store's role prefix.
    static func prefix(_ s: Sandbox) throws -> String {
        try owner(s, "SELECT value FROM meta WHERE key = 'db_role_prefix'").first ?? ""
    }

    /// Drops the roles the store made (roles are cluster-wide; the database is dropped
    /// with the sandbox, its roles are not).
    static func dropRoles(_ s: Sandbox, extra: [String] = []) {
        guard let prefix = try? prefix(s), !prefix.isEmpty,
              let roles = try? owner(s, "SELECT role FROM db_roles") else { return }
        let group = "\"\(prefix)readers\""
        // The group's privileges first (when it exists), then the roles.
        _ = try? TestDatabases.psql(s.dbPath, """
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \(group);
            REVOKE ALL ON SCHEMA public FROM \(group);
            ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM \(group);
            """)
        let drops = (roles + extra).map { "DROP ROLE IF EXISTS \"\($0)\";\n" }.joined()
        _ = try? TestDatabases.psql(s.dbPath, drops + "DROP ROLE IF EXISTS \(group);\n")
    }

    /// A store with mia (member, group rh), gus (guest, group partners), bob (member), the
    /// first two with database roles, and records shared or not with each of them.
    static func office() throws -> Sandbox {
        let s = try Sandbox()
        try s.ok("user", "add", "mia", "--group", "rh", "--db-role")
        try s.ok("user", "add", "gus", "--role", "guest", "--group", "partners", "--db-role")
        try s.ok("user", "add", "bob")
        // Projects and tasks.
        try s.task("project", "add", "pub", "--title", "Public", "--visibility", "public", as: "root")
        try s.task("project", "add", "partage", "--title", "Partagé", "--visibility", "private", as: "root")
        try s.task("project", "share", "partage", "group:partners", as: "root")
        try s.task("project", "add", "secret", "--title", "Secret", "--visibility", "private", as: "root")
        try s.task("add", "Public", "--project", "pub", as: "root")
        try s.task("add", "Partagé", "--project", "partage", as: "root")
        try s.task("add", "Secret", "--project", "secret", as: "root")
        try s.task("add", "Sans projet, à root", as: "root")
        try s.task("add", "Sans projet, pour mia", "--assignee", "mia", as: "root")
        try s.task("add", "Sans projet, de mia", as: "mia")
        try s.task("add", "Secret pour gus", "--project", "secret", "--assignee", "gus", as: "root")
        try s.task("comment", "task-2", "Vu", as: "root")
        try s.task("comment", "task-3", "Confidentiel", as: "root")
        // Channels and messages.
        try s.msg(["channel", "add", "general", "--title", "Général"])
        try s.msg(["channel", "add", "rh-prive", "--private", "--member", "mia"])
        try s.msg(["channel", "add", "bureau", "--private", "--member", "bob"])
        try s.msg(["channel", "add", "partenaires", "--private", "--member", "gus"])
        for c in ["general", "rh-prive", "bureau", "partenaires"] { try s.post(c, "Bonjour \(c)") }
        // Folders and documents.
        try s.docOK("folder", "add", "/rh", "--title", "RH")
        try s.docOK("folder", "share", "/rh", "group:rh")
        try s.docOK("folder", "add", "/public", "--title", "Public", "--visibility", "public")
        try s.docOK("folder", "add", "/cache", "--title", "Caché")
        _ = try s.addDoc("rh.txt", "Entretiens annuels", folder: "/rh")
        _ = try s.addDoc("pub.txt", "Horaires", folder: "/public")
        _ = try s.addDoc("cache.txt", "Budget caché", folder: "/cache")
        _ = try s.addDoc("gus.txt", "Pour gus", folder: "/cache")
        try s.docOK("share", "doc-4", "gus")
        // Calendars and events.
        try s.cal("calendar", "add", "mairie", "--title", "Mairie", "--visibility", "public")
        try s.cal("calendar", "add", "direction", "--title", "Direction")
        try s.cal("add", "Conseil", "--calendar", "mairie", "--start", "2026-12-01 18:00", "--duration", "2h")
        try s.cal("add", "Comité", "--calendar", "direction", "--start", "2026-12-02 10:00", "--duration", "1h")
        try s.cal("add", "Revue", "--calendar", "direction", "--start", "2026-12-03 10:00", "--duration", "1h", "--attendee", "gus")
        return s
    }

    // MARK: what each role reads

    @Test(.enabled(if: TestDatabases.onPostgres))
    func eachRoleReadsExactlyWhatCollabShowsThem() throws {
        let s = try Self.office()
        defer { Self.dropRoles(s) }
        let prefix = try Self.prefix(s)
        for user in ["mia", "gus"] {
            let role = prefix + user
            let env = ["COLLAB_USER": user]
            func sql(_ q: String) throws -> [String] { try Self.rows(s, as: role, q) }
            // Tasks (and their comments).
            let tasks = try s.task("list", "--status", "all", "-q", as: user).lines
            #expect(try sql("SELECT 'task-' || n FROM tasks ORDER BY n") == tasks, "\(user)")
            #expect(!tasks.isEmpty)
            let projects = try s.task("project", "list", "-q", as: user).lines
            #expect(try sql("SELECT id FROM projects ORDER BY id") == projects, "\(user)")
            var comments: [String] = []
            for t in tasks {
                comments += try s.task("show", t, "--comments", as: user).records().filter { $0.string("type") == "comment" }
                    .compactMap { $0.string("id") }
            }
            #expect(try sql("SELECT 'comment-' || n FROM comments ORDER BY n") == comments, "\(user)")
            // Channels and messages.
            let channels = try s.msgIds(["channel", "list"], as: user)
            #expect(try sql("SELECT id FROM channels ORDER BY id") == channels, "\(user)")
            var messages: [String] = []
            for c in channels { messages += try s.msgIds(["read", c, "--peek"], as: user) }
            #expect(try sql("SELECT 'msg-' || num FROM messages ORDER BY num") == messages.sorted(), "\(user)")
            #expect(try sql("SELECT count(*) FROM messages_fts") == ["\(messages.count)"], "\(user)")
            // Folders and documents.
            let docs = try s.docOK("list", "-q", as: user).lines
            #expect(try sql("SELECT id FROM documents ORDER BY num") == docs, "\(user)")
            #expect(try sql("SELECT DISTINCT doc FROM versions ORDER BY doc") == docs.sorted(), "\(user)")
            let folders = try s.docOK("folder", "list", "-q", as: user).lines
            #expect(try sql("SELECT id FROM folders ORDER BY id") == folders, "\(user)")
            // Calendars and events.
            let calendars = try s.cal("calendar", "list", "-q", env: env).lines
            #expect(try sql("SELECT id FROM calendars ORDER BY id") == calendars, "\(user)")
            let agenda = try s.cal("agenda", "--from", "2026-11-30", "--to", "2026-12-05", "-q", env: env).lines
            #expect(try sql("SELECT id FROM events ORDER BY id") == Array(Set(agenda)).sorted(), "\(user)")
            // The directory.
            let users = try s.ok("user", "list", "-q", env: env).lines
            #expect(try sql("SELECT id FROM users ORDER BY id") == users, "\(user)")
            let groups = try s.ok("group", "list", "-q", env: env).lines
            #expect(try sql("SELECT id FROM groups ORDER BY id") == groups, "\(user)")
        }
        // The guest sees what is shared with them and nothing public.
        let gus = prefix + "gus"
        #expect(try Self.rows(s, as: gus, "SELECT id FROM projects ORDER BY id") == ["partage"])
        #expect(try Self.rows(s, as: gus, "SELECT title FROM tasks ORDER BY n") == ["Partagé", "Secret pour gus"])
        #expect(try Self.rows(s, as: gus, "SELECT id FROM channels ORDER BY id") == ["partenaires"])
        #expect(try Self.rows(s, as: gus, "SELECT id FROM documents ORDER BY id") == ["doc-4"])
        #expect(try Self.rows(s, as: gus, "SELECT title FROM events ORDER BY id") == ["Revue"])
        #expect(try Self.rows(s, as: gus, "SELECT convert_from(c.bytes, 'UTF8') FROM chunks c") == ["Pour gus"], "contents follow the document")
        #expect(try Self.rows(s, as: gus, "SELECT count(*) FROM doc_text") == ["1"])
        #expect(try Self.rows(s, as: gus, "SELECT count(*) FROM acl WHERE space_type = 'folder'") == ["0"])
        // The member reads the group's folder and private channel, not the others.
        let mia = prefix + "mia"
        #expect(try Self.rows(s, as: mia, "SELECT id FROM channels ORDER BY id") == ["general", "rh-prive"])
        #expect(try Self.rows(s, as: mia, "SELECT id FROM documents ORDER BY id") == ["doc-1", "doc-2"])
    }

    @Test(.enabled(if: TestDatabases.onPostgres))
    func rolesReadOnlyAndNeverTheAuditLog() throws {
        let s = try Self.office()
        defer { Self.dropRoles(s) }
        let prefix = try Self.prefix(s)
        let mia = prefix + "mia"
        #expect(try Self.rows(s, as: mia, "SELECT count(*) FROM changes") == ["0"])
        for table in ["meta", "sequences", "ext_keys", "hooks", "holds", "erasures", "retention_rules"] {
            #expect(try Self.rows(s, as: mia, "SELECT count(*) FROM \(table)") == ["0"], "\(table)")
        }
        #expect(try Self.rows(s, as: mia, "SELECT user_id FROM db_roles") == ["mia"], "their own mapping only")
        #expect(throws: (any Error).self) { try Self.rows(s, as: mia, "INSERT INTO tasks (uuid, title, status, priority, author, rev, created, updated) VALUES ('x', 'x', 'todo', 'normal', 'mia', 1, 'x', 'x')") }
        #expect(throws: (any Error).self) { try Self.rows(s, as: mia, "UPDATE messages SET body = 'x'") }
        #expect(throws: (any Error).self) { try Self.rows(s, as: mia, "DELETE FROM documents") }
        #expect(try s.verify().status == 0)
        // An admin's role reads everything, the audit log included.
        try s.ok("user", "add", "ada", "--role", "admin", "--db-role")
        let seqs = try Self.owner(s, "SELECT count(*) FROM changes")
        #expect(try Self.rows(s, as: prefix + "ada", "SELECT count(*) FROM changes") == seqs)
        #expect(try Self.rows(s, as: prefix + "ada", "SELECT count(*) FROM tasks") == ["7"])
        // Another login role cannot ask the helpers about mia's access.
        #expect(try Self.rows(s, as: prefix + "gus", "SELECT collab_rls_uid('\(mia)') IS NULL") == ["t"])
    }

    @Test(.enabled(if: TestDatabases.onPostgres))
    func everyTableHasRowLevelSecurity() throws {
        let s = try Sandbox()
        let open = try Self.owner(s, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relrowsecurity ORDER BY 1
            """)
        #expect(open == [], "a table without row-level security: enable it and give it its policies in a migration")
        let unguarded = try Self.owner(s, """
            SELECT tablename FROM pg_tables t WHERE schemaname = current_schema()
            AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = t.schemaname AND p.tablename = t.tablename AND p.policyname = 'collab_admin')
            """)
        #expect(unguarded == [])
    }

    // MARK: provisioning

    @Test(.enabled(if: TestDatabases.onPostgres))
    func addPrintsTheRoleAndRecordsIt() throws {
        let s = try Sandbox()
        defer { Self.dropRoles(s) }
        let prefix = try Self.prefix(s)
        let r = try s.ok("user", "add", "mia", "--db-role")
        let records = try r.records()
        try #require(records.count == 2)
        #expect(records[0].string("type") == "user")
        let role = records[1]
        #expect(role.string("type") == "db_role")
        #expect(role.string("id") == prefix + "mia")
        #expect(role.string("user") == "mia")
        #expect(role.bool("login") == true)
        #expect(role.string("group") == prefix + "readers")
        #expect(try Self.owner(s, "SELECT rolcanlogin FROM pg_roles WHERE rolname = '\(prefix)mia'") == ["t"])
        let change = try s.changes().last
        #expect(change?.string("record_type") == "db_role")
        #expect(change?.string("op") == "create")
        // Again: nothing changes (exit 0, no new change).
        let seq = try s.lastSeq()
        let again = try s.ok("user", "add", "mia", "--db-role").records()
        #expect(again.last?.string("id") == prefix + "mia")
        #expect(try s.lastSeq() == seq)
        // A dry run creates no role.
        try s.ok("user", "add", "zoe", "--db-role", "--dry-run")
        #expect(try Self.owner(s, "SELECT count(*) FROM pg_roles WHERE rolname = '\(prefix)zoe'") == ["0"])
        #expect(try s.lastSeq() == seq)
        // An existing user gets one with update.
        try s.ok("user", "add", "bob")
        let u = try s.ok("user", "update", "bob", "--db-role").records()
        #expect(u.map { $0.string("type") } == ["user", "db_role"])
        #expect(try Self.rows(s, as: prefix + "bob", "SELECT id FROM users ORDER BY id") == ["bob", "mia", "root"])
        #expect(try s.verify().status == 0)
    }

    @Test(.enabled(if: TestDatabases.onPostgres))
    func disableEnableAndEraseFollowOnTheRole() throws {
        let s = try Sandbox()
        defer { Self.dropRoles(s) }
        let prefix = try Self.prefix(s)
        try s.ok("user", "add", "mia", "--db-role")
        let login = "SELECT rolcanlogin FROM pg_roles WHERE rolname = '\(prefix)mia'"
        try s.ok("user", "disable", "mia")
        #expect(try Self.owner(s, login) == ["f"])
        #expect(throws: (any Error).self) { try Self.rows(s, as: prefix + "mia", "SELECT 1") }
        #expect(try s.changes().last?.object("record")?.bool("login") == false)
        try s.ok("user", "enable", "mia")
        #expect(try Self.owner(s, login) == ["t"])
        #expect(try Self.rows(s, as: prefix + "mia", "SELECT id FROM users ORDER BY id") == ["mia", "root"])
        try s.ok("gdpr", "erase", "mia")
        #expect(try Self.owner(s, login) == [])
        #expect(try Self.owner(s, "SELECT count(*) FROM db_roles") == ["0"])
        #expect(try s.verify().status == 0)
    }

    // MARK: errors

    @Test(.enabled(if: TestDatabases.onPostgres))
    func errors() throws {
        let s = try Sandbox()
        let prefix = try Self.prefix(s)
        defer { Self.dropRoles(s, extra: [prefix + "zoe"]) }
        try s.ok("user", "add", "mia")
        #expect(try s.fails(77, "user", "update", "mia", "--db-role", env: ["COLLAB_USER": "mia"]).stderr.contains("admin"))
        #expect(try s.changes().last?.string("record_type") == "refusal", "a refusal is recorded, nothing else")
        let seq = try s.lastSeq()
        #expect(try s.fails(1, "user", "update", "nobody", "--db-role").stderr.contains("nobody"))
        try Self.owner(s, "CREATE ROLE \"\(prefix)zoe\"")
        let exists = try s.fails(73, "user", "add", "zoe", "--db-role")
        #expect(exists.stderr.contains("exists already"))
        let long = String(repeating: "a", count: 64)
        #expect(try s.fails(65, "user", "add", long, "--db-role").stderr.contains("63"))
        #expect(try s.lastSeq() == seq, "nothing written")
        #expect(try s.userIds() == ["mia", "root"])
    }

    @Test(.enabled(if: TestDatabases.onSQLite))
    func sqliteRefusesDatabaseRoles() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "mia")
        let r = try s.fails(78, "user", "add", "bob", "--db-role")
        #expect(r.stderr.contains("PostgreSQL"))
        try s.fails(78, "user", "update", "mia", "--db-role")
        #expect(try s.userIds() == ["mia", "root"])
    }
}
