import Foundation
import Testing
import _CollabTestSupport

// collab-admin migrate-store: a whole store moved between SQLite files and PostgreSQL
// databases, verified. The suite's own store (an SQLite file, or a PostgreSQL database when
// COLLAB_TEST_PG is set) is the first source; the PostgreSQL hops run only with a server.

extension Sandbox {
    /// A store with something in every domain: users (a manager set to a user added
    /// after), a group, tasks with tags, dependencies and a subtask whose parent comes
    /// after it, messages with a thread, an edit and a deletion, documents with content,
    /// a second version and a circuit, a calendar with an event, a comment.
    static func migrationStore() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob")
        try s.addUsers("gus", extra: ["--role", "guest"])
        try s.addUsers("zoe", extra: ["--name", "Zoé Élan"])
        try s.ok("user", "update", "bob", "--manager", "zoe")
        try s.ok("group", "add", "rh", "--member", "alice", "--member", "bob")
        try s.task("project", "add", "plu", "--title", "PLU 2027", "--group", "rh")
        try s.task("add", "Préparer le budget", "--project", "plu", "--tag", "finances", "--tag", "urgent", "--assignee", "alice")
        try s.task("add", "Relire le règlement", "--project", "plu", "--depends", "1", "--description", "zones AU et N")
        try s.task("add", "Réunion publique", "--due", "2026-12-10 18:00")
        try s.task("update", "1", "--parent", "3")
        try s.task("comment", "2", "vu avec le service")
        try s.task("done", "3")
        try s.msg(["channel", "add", "general", "--title", "Général"])
        try s.post("general", "bonjour à tous")
        try s.post("general", "réunion du conseil mardi", as: "alice")
        try s.msg(["reply", "msg-2", "j'y serai"], as: "bob")
        try s.msg(["edit", "msg-2", "réunion du conseil mercredi"], as: "alice")
        try s.post("general", "message à retirer", as: "bob")
        try s.msg(["delete", "msg-4"], as: "bob")
        try s.docOK("folder", "add", "/urbanisme")
        _ = try s.addDoc("note.txt", "le plan local d'urbanisme révisé", folder: "/urbanisme")
        try s.writeFile("note2.txt", "le plan local d'urbanisme révisé, version du conseil")
        try s.docOK("update", "doc-1", "note2.txt")
        _ = try s.addDoc("cr.txt", "compte rendu de la commission", folder: "/urbanisme", extra: ["--tag", "cr"])
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", "--step", "visa:alice")
        try s.cal("calendar", "add", "mairie", "--title", "Mairie", "--visibility", "public")
        try s.cal("add", "Conseil municipal", "--calendar", "mairie", "--start", "2026-12-01 18:00", "--duration", "2h", "--rrule", "FREQ=WEEKLY;COUNT=3")
        return s
    }

    /// How `--from`/`--to` name a store: a URL as is, a file as sqlite:PATH.
    static func storeArgument(_ db: String) -> String {
        db.hasPrefix("postgresql://") || db.hasPrefix("postgres://") ? db : "sqlite:" + db
    }

    /// `collab-admin migrate-store --from FROM --to TO` as `user`.
    func migrate(_ from: String, _ to: String, as user: String = "root") throws -> RunResult {
        try run("collab-admin", ["migrate-store", "--from", Self.storeArgument(from), "--to", Self.storeArgument(to)], env: ["COLLAB_USER": user])
    }

    /// Everything the programs print about the store at `db` (as root, NDJSON), one
    /// entry per command, and its audit list apart (a migration adds one change).
    func everything(_ db: String) throws -> (outputs: [String: String], audit: [String]) {
        let env = ["COLLAB_DB": db, "COLLAB_USER": "root"]
        let commands: [(String, [String])] = [
            ("collab-admin", ["user", "list"]), ("collab-admin", ["group", "list"]), ("collab-admin", ["user", "show", "bob", "zoe"]),
            ("collab-task", ["list", "--status", "all"]), ("collab-task", ["export"]), ("collab-task", ["project", "list"]),
            ("collab-task", ["show", "1", "2", "3"]),
            ("collab-msg", ["channel", "list"]), ("collab-msg", ["list", "general"]), ("collab-msg", ["export"]),
            ("collab-msg", ["thread", "msg-2"]), ("collab-msg", ["unread"]),
            ("collab-doc", ["list"]), ("collab-doc", ["folder", "list"]), ("collab-doc", ["show", "doc-1", "doc-2"]),
            ("collab-doc", ["versions", "doc-1"]), ("collab-doc", ["circuit", "show", "doc-1"]), ("collab-doc", ["get", "doc-1"]),
            ("collab-cal", ["calendar", "list"]), ("collab-cal", ["export", "--calendar", "mairie"]),
            ("collab-cal", ["agenda", "--from", "2026-11-30", "--to", "2026-12-31"]),
        ]
        var out: [String: String] = [:]
        for (program, args) in commands {
            let r = try run(program, args + ["--format", "ndjson"], env: env.merging(["TZ": "Europe/Paris"]) { a, _ in a })
            try #require(r.status == 0, "\(r)")
            out[([program] + args).joined(separator: " ")] = r.stdout
        }
        let audit = try run("collab-admin", ["audit", "list", "--format", "ndjson"], env: env)
        try #require(audit.status == 0, "\(audit)")
        return (out, audit.lines)
    }

    /// What searching the store at `db` finds: ids per search (rankings and snippets
    /// differ between SQLite's and PostgreSQL's indexes, the hits do not).
    func searchHits(_ db: String) throws -> [String: [String]] {
        let env = ["COLLAB_DB": db, "COLLAB_USER": "root"]
        var out: [String: [String]] = [:]
        for (program, args) in [
            ("collab-msg", ["search", "reunion"]), ("collab-msg", ["search", "conseil"]), ("collab-doc", ["search", "urbanisme"]),
            ("collab-doc", ["search", "commission"]), ("collab-task", ["list", "--status", "all", "--query", "reglement"]),
            ("collab-task", ["list", "--status", "all", "--query", "budget"]),
        ] {
            let r = try run(program, args + ["-q"], env: env)
            try #require(r.status == 0, "\(r)")
            out[([program] + args).joined(separator: " ")] = r.lines.sorted()
        }
        return out
    }

    /// The verification record of the store at `db`.
    func verification(_ db: String) throws -> [String: Any] {
        let r = try run("collab-admin", ["audit", "verify"], env: ["COLLAB_DB": db, "COLLAB_USER": "root"])
        #expect(r.status == 0, "\(r)")
        return try r.record()
    }
}

@Suite struct AdminMigrateStoreTests {
    /// Checks that the store at `db` shows exactly what `before` showed, its chain is the
    /// source's plus `extra` migration changes and verifies, and search finds the same.
    func expectSame(
        _ s: Sandbox, _ db: String, as before: (outputs: [String: String], audit: [String]), hits: [String: [String]], extra: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let after = try s.everything(db)
        for (command, text) in before.outputs {
            #expect(after.outputs[command] == text, "\(command) differs on \(db)", sourceLocation: sourceLocation)
        }
        #expect(Array(after.audit.prefix(before.audit.count)) == before.audit, "the copied chain differs", sourceLocation: sourceLocation)
        #expect(after.audit.count == before.audit.count + extra, sourceLocation: sourceLocation)
        #expect(try s.verification(db).bool("ok") == true, sourceLocation: sourceLocation)
        let doctor = try s.run("collab-admin", ["doctor"], env: ["COLLAB_DB": db, "COLLAB_USER": "root"])
        #expect(doctor.status == 0, "\(doctor)", sourceLocation: sourceLocation)
        #expect(try s.searchHits(db) == hits, sourceLocation: sourceLocation)
    }

    @Test func roundTripKeepsEveryRecordTheChainAndSearch() throws {
        let s = try Sandbox.migrationStore()
        let before = try s.everything(s.dbPath)
        let hits = try s.searchHits(s.dbPath)
        #expect(hits.values.allSatisfy { !$0.isEmpty }, "\(hits)")
        let source = try s.verification(s.dbPath)

        // First hop: the suite's store (SQLite, or PostgreSQL) to a new file.
        let a = s.path + "/copies/a.db"
        let r = try s.migrate(s.dbPath, a)
        try #require(r.status == 0, "\(r)")
        let rec = try r.record()
        #expect(rec.string("type") == "migration")
        let headSeq = try #require(source.int("head_seq"))
        #expect(rec.string("id") == "migration-\(headSeq + 1)")
        #expect(rec.int("seq") == headSeq + 1)
        #expect(rec.int("source_seq") == headSeq)
        #expect(rec.string("source_hash") == source.string("head_hash"))
        #expect(rec.int("changes") == headSeq)
        #expect(rec.string("to") == "sqlite:" + a)
        #expect(rec.object("tables")?.int("users") == 5)
        #expect(rec.object("tables")?.int("tasks") == 3)
        #expect(rec.object("tables")?.int("changes") == headSeq)
        #expect(rec.object("tables")?["tasks_fts"] == nil && rec.object("tables")?["messages_fts"] == nil && rec.object("tables")?["doc_text"] == nil)
        #expect((rec["seconds"] as? Double ?? (rec["seconds"] as? Int).map(Double.init)) != nil)
        #expect(Sandbox.mode(of: a) == 0o600)
        try expectSame(s, a, as: before, hits: hits, extra: 1)
        // The migration is the last change of the chain, verified with the source's head before it.
        let verified = try s.verification(a)
        #expect(verified.int("head_seq") == headSeq + 1)
        #expect(verified.string("head_hash") == rec.string("head_hash"))
        let last = try #require(try s.run("collab-admin", ["audit", "list"], env: ["COLLAB_DB": a, "COLLAB_USER": "root"]).records().last)
        #expect(last.string("record_type") == "migration" && last.string("op") == "create")

        var hops = 1
        var from = a
        let b = TestDatabases.onPostgres ? try TestDatabases.create() : nil
        defer { if let b { TestDatabases.drop(b) } }
        if let b {
            // SQLite to a new PostgreSQL database, and back.
            let rb = try s.migrate(a, b)
            try #require(rb.status == 0, "\(rb)")
            hops += 1
            try expectSame(s, b, as: before, hits: hits, extra: hops)
            from = b
        }
        let c = s.path + "/copies/c.db"
        let rc = try s.migrate(from, c)
        try #require(rc.status == 0, "\(rc)")
        hops += 1
        try expectSame(s, c, as: before, hits: hits, extra: hops)
    }

    @Test(.enabled(if: TestDatabases.onPostgres)) func aPostgreSQLTargetTakesNewWritesAfterTheCopiedNumbers() throws {
        let s = try Sandbox.migrationStore()
        let a = s.path + "/a.db"
        try #require(try s.migrate(s.dbPath, a).status == 0)
        let b = try TestDatabases.create()
        defer { TestDatabases.drop(b) }
        try #require(try s.migrate(a, b).status == 0)
        let env = ["COLLAB_DB": b]
        // Blobs, messages and tasks number themselves: the next ones follow the copied ones.
        #expect(try s.run("collab-task", ["add", "Nouvelle tâche", "-q"], env: env).lines == ["task-4"])
        #expect(try s.run("collab-msg", ["post", "general", "après la migration", "-q"], env: env).lines == ["msg-5"])
        try s.writeFile("new.txt", "un document écrit après la migration")
        let d = try s.run("collab-doc", ["add", "new.txt", "--folder", "/urbanisme"], env: env)
        #expect(d.status == 0, "\(d)")
        #expect(try s.run("collab-doc", ["get", "doc-3"], env: env).stdout == "un document écrit après la migration")
        #expect(try s.run("collab-doc", ["get", "doc-1"], env: env).stdout == "le plan local d'urbanisme révisé, version du conseil")
        #expect(try s.verification(b).bool("ok") == true)
    }

    @Test func sqliteToSQLiteAndThePrintedRecordNamesBothStores() throws {
        let s = try Sandbox.opsStore()
        let a = s.path + "/a.db"
        try #require(try s.migrate(s.dbPath, a).status == 0)
        let c = s.path + "/c.db"
        let r = try s.run("collab-admin", ["migrate-store", "--from", a, "--to", "sqlite:" + c])
        try #require(r.status == 0, "\(r)")
        let rec = try r.record()
        #expect(rec.string("from") == "sqlite:" + a)
        #expect(rec.string("to") == "sqlite:" + c)
        #expect(try s.visibleData(db: c) == s.visibleData())
        #expect(try s.integrity(c) == "ok")
        // The record type is described like the others.
        let schema = try s.ok("schema", "migration").record()
        #expect(schema.string("id") == "migration")
    }

    @Test func helpNeedsNoStore() throws {
        let s = try Sandbox(initialise: false)
        let r = try s.run("collab-admin", ["migrate-store", "--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE: collab-admin migrate-store --from <store> --to <store>"), "\(r)")
        #expect(try s.run("collab-admin", ["--help"]).stdout.contains("migrate-store"))
        #expect(!Sandbox.exists(s.dbPath))
    }

    // MARK: Refusals

    @Test func aTargetThatHoldsAnythingIsAConflict() throws {
        let s = try Sandbox.opsStore()
        // The store itself.
        let same = try s.fails(73, "migrate-store", "--from", Sandbox.storeArgument(s.dbPath), "--to", Sandbox.storeArgument(s.dbPath))
        #expect(same.stderr.contains("same store"), "\(same)")
        // Another store with data.
        let other = try Sandbox()
        let r = try s.migrate(s.dbPath, other.dbPath)
        #expect(r.status == 73, "\(r)")
        #expect(r.stderr.contains("not empty"), "\(r)")
        #expect(try s.run("collab-admin", ["user", "list", "-q"], env: ["COLLAB_DB": other.dbPath]).lines == ["root"])
        // An SQLite file with other tables is left as it was.
        let foreign = s.path + "/foreign.db"
        try s.sqlite("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');", database: foreign)
        let rf = try s.migrate(s.dbPath, foreign)
        #expect(rf.status == 73, "\(rf)")
        #expect(try s.sqlite("SELECT name FROM sqlite_master;", database: foreign).split(separator: "\n") == ["notes"])
        // A file that is not a database.
        try s.writeFile("text.db", "not a database")
        #expect(try s.migrate(s.dbPath, s.path + "/text.db").status == 73)
        #expect(String(decoding: Sandbox.read(s.path + "/text.db"), as: UTF8.self) == "not a database")
    }

    @Test func aMissingSourceIsAConfigurationError() throws {
        let s = try Sandbox.opsStore()
        let r = try s.migrate(s.path + "/nowhere.db", s.path + "/t.db")
        #expect(r.status == 78, "\(r)")
        #expect(r.stderr.contains("no store at"), "\(r)")
        #expect(!Sandbox.exists(s.path + "/t.db"))
        #expect(!Sandbox.exists(s.path + "/nowhere.db"))
    }

    @Test func badStoreArgumentsAreConfigurationErrors() throws {
        let s = try Sandbox.opsStore()
        for (from, to) in [
            ("sqlite:" + s.dbPath, "mysql://db.example/collab"), ("", "sqlite:" + s.path + "/t.db"),
            ("sqlite:" + s.dbPath, "postgresql://collab@127.0.0.1/collab?nosuchoption=1"), ("sqlite:" + s.dbPath, "sqlite:"),
            ("sqlite:" + s.dbPath, "postgresql://[::1/collab"),
        ] {
            let r = try s.run("collab-admin", ["migrate-store", "--from", from, "--to", to])
            #expect(r.status == 78, "\(r)")
            #expect(r.stderr.contains("invalid --"), "\(r)")
        }
        #expect(!Sandbox.exists(s.path + "/t.db"))
        // Both options are required (usage).
        #expect(try s.run("collab-admin", ["migrate-store", "--from", "sqlite:" + s.dbPath]).status == 64)
    }

    @Test func onlyAnActiveAdminOfTheSourceMayMigrate() throws {
        let s = try Sandbox.opsStore()
        let r = try s.migrate(s.dbPath, s.path + "/t.db", as: "alice")
        #expect(r.status == 77, "\(r)")
        #expect(r.stderr.contains("only an admin"), "\(r)")
        #expect(try s.migrate(s.dbPath, s.path + "/t.db", as: "nobody").status == 77)
        #expect(!Sandbox.exists(s.path + "/t.db"))
    }

    @Test func anUnreachableServerIsUnavailable() throws {
        let s = try Sandbox.opsStore()
        let down = "postgresql://collab@127.0.0.1:1/collab?connect_timeout=5"
        let to = try s.migrate(s.dbPath, down)
        #expect(to.status == 69, "\(to)")
        #expect(to.stderr.contains("cannot reach"), "\(to)")
        let from = try s.migrate(down, s.path + "/t.db")
        #expect(from.status == 69, "\(from)")
        #expect(!Sandbox.exists(s.path + "/t.db"))
    }

    // MARK: Failures leave the target empty

    /// On the PostgreSQL run: copying `source` into a new database is refused (65) and
    /// leaves `table` empty.
    func expectRefusedIntoPostgres(
        _ s: Sandbox, _ source: String, leaving table: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        guard TestDatabases.onPostgres else { return }
        let b = try TestDatabases.create()
        defer { TestDatabases.drop(b) }
        #expect(try s.migrate(source, b).status == 65, sourceLocation: sourceLocation)
        let left = try TestDatabases.psql(b, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(left == "0", sourceLocation: sourceLocation)
    }

    /// A copy of the suite's store in an SQLite file, tampered with by `sql` (sqlite3).
    func tamperedCopy(_ s: Sandbox, _ sql: String) throws -> String {
        let source = s.path + "/source.db"
        try #require(try s.migrate(s.dbPath, source).status == 0)
        try s.sqlite(sql, database: source)
        return source
    }

    @Test func aRowTheTargetRefusesMidCopyLeavesTheTargetEmpty() throws {
        let s = try Sandbox.migrationStore()
        // A tag of a task that does not exist (sqlite3 does not enforce foreign keys):
        // task_tags comes after users, groups, projects and tasks.
        let source = try tamperedCopy(s, "INSERT INTO task_tags (task, tag) VALUES (99, 'orphan');")
        let target = s.path + "/t.db"
        let r = try s.migrate(source, target)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("task_tags") && r.stderr.contains("nothing was written"), "\(r)")
        #expect(!Sandbox.exists(target), "a target file the command created is removed")
        #expect(r.stdout.isEmpty)
        guard TestDatabases.onPostgres else { return }
        let b = try TestDatabases.create()
        defer { TestDatabases.drop(b) }
        let rb = try s.migrate(source, b)
        #expect(rb.status == 65, "\(rb)")
        // The schema was made, but holds nothing; the same target is accepted again.
        for table in ["users", "tasks", "changes", "messages", "blobs", "sequences"] {
            #expect(try TestDatabases.psql(b, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(table)")
        }
        try s.sqlite("DELETE FROM task_tags WHERE task = 99;", database: source)
        let again = try s.migrate(source, b)
        #expect(again.status == 0, "\(again)")
        #expect(try s.verification(b).bool("ok") == true)
    }

    @Test func aSubtaskOfAMissingTaskIsRefusedAndNothingIsWritten() throws {
        let s = try Sandbox.migrationStore()
        // The parent is linked after the whole table is copied: that is where it fails.
        let source = try tamperedCopy(s, "UPDATE tasks SET parent = 99 WHERE n = 2;")
        let target = s.path + "/t.db"
        let r = try s.migrate(source, target)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("tasks.parent = 99"), "\(r)")
        #expect(!Sandbox.exists(target))
        try expectRefusedIntoPostgres(s, source, leaving: "tasks")
    }

    @Test func aChainThatDoesNotVerifyIsExit65AndNothingIsWritten() throws {
        let s = try Sandbox.opsStore()
        let source = try tamperedCopy(s, "UPDATE changes SET record = '{\"id\":\"forged\"}' WHERE seq = 2;")
        let target = s.path + "/t.db"
        let r = try s.migrate(source, target)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("verification failed") && r.stderr.contains("source's own chain"), "\(r)")
        #expect(!Sandbox.exists(target))
        try expectRefusedIntoPostgres(s, source, leaving: "changes")
    }
}

@Suite struct AdminMigrateStoreContentTests {
    /// Text with a NUL character (which SQLite may hold, PostgreSQL not) is refused as bad
    /// input by the store layer before the row reaches the target.
    @Test(.enabled(if: TestDatabases.onPostgres)) func aValueThePostgreSQLTargetCannotHoldIsRefused() throws {
        let s = try Sandbox.opsStore()
        let source = s.path + "/source.db"
        try #require(try s.migrate(s.dbPath, source).status == 0)
        // SQLite text may hold NUL characters; PostgreSQL text cannot.
        try s.sqlite("UPDATE messages SET body = 'avant' || char(0) || 'après' WHERE num = 1;", database: source)
        let b = try TestDatabases.create()
        defer { TestDatabases.drop(b) }
        let r = try s.migrate(source, b)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("NUL character"), "\(r)")
        #expect(try TestDatabases.psql(b, "SELECT count(*) FROM messages").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}

@Suite struct AdminMigrateStoreSnapshotTests {
    @Test func aMigrationWhileTwoProcessesWriteCopiesOneSnapshot() throws {
        let s = try Sandbox.opsStore()
        var writers: [BackgroundProcess] = []
        for k in 1...2 {
            let script = k % 2 == 0
                ? "for i in $(seq 1 100); do collab-task add \"w\(k) tâche $i\" >/dev/null || exit 1; done"
                : "for i in $(seq 1 100); do collab-msg post general \"w\(k) message $i\" >/dev/null || exit 1; done"
            writers.append(try s.start("/bin/sh", ["-c", script], env: ["COLLAB_BUSY_TIMEOUT": "60s"]))
        }
        let before = try s.lastSeq()
        _ = try eventually(timeout: 30) { try s.lastSeq() > before + 10 }
        let committed = try s.chainHashes()
        let target = s.path + "/during.db"
        let r = try s.migrate(s.dbPath, target)
        #expect(r.status == 0, "\(r)")
        for (k, w) in writers.enumerated() {
            let end = try #require(w.wait(timeout: 300), "writer \(k + 1) still running")
            #expect(end.status == 0, "writer \(k + 1): \(end)")
        }
        let rec = try r.record()
        let sourceSeq = try #require(rec.int("source_seq"))
        #expect(sourceSeq >= committed.count)
        // The copy holds a prefix of the live chain, with every change committed before it
        // began, and verifies.
        let inCopy = try s.chainHashes(db: target)
        #expect(inCopy.count == sourceSeq + 1)
        let live = try s.chainHashes()
        for n in 1...sourceSeq { #expect(inCopy[n] == live[n], "seq \(n)") }
        for (n, hash) in committed { #expect(inCopy[n] == hash, "seq \(n)") }
        #expect(try s.verification(target).bool("ok") == true)
        // Its rows are those of its chain: as many tasks and messages as were recorded.
        let tasks = try s.run("collab-task", ["list", "--status", "all", "-q"], env: ["COLLAB_DB": target]).lines.count
        let recordedTasks = try s.run("collab-admin", ["audit", "list", "--type", "task"], env: ["COLLAB_DB": target, "COLLAB_USER": "root"])
            .records().filter { $0.string("op") == "create" }.count
        #expect(tasks == recordedTasks)
    }
}
