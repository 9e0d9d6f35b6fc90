import Testing
import _CollabTestSupport

/// `collab-admin gdpr export|erase` end to end, across the four domains.
@Suite struct AdminGDPRTests {
    static let name = "Alice Martin"
    static let email = "alice.martin@mairie.example"
    static let cv = "CV de Alice Martin\ncontact: alice.martin@mairie.example\n"
    static let contract = "Contrat de travail signé par Alice Martin\n"

    /// alice (Alice Martin) posts, is thanked by name and mentioned by bob, is assigned a
    /// task that names her and comments on it, owns doc-1 (a CV she signed through a
    /// circuit) and doc-2 (a contract archived for 10 years), and is invited by bob to an
    /// event that names her. bob has his own message, task and event.
    static func store() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", extra: ["--name", name, "--email", email])
        try s.addUsers("bob", extra: ["--name", "Bob Durand", "--email", "bob.durand@mairie.example"])
        try s.msg(["channel", "add", "general", "--title", "Général"])
        try s.msg(["post", "general", "Mon numéro personnel est le 0612345678"], as: "alice")
        try s.msg(["post", "general", "Merci Alice Martin pour le compte rendu"], as: "bob")
        try s.msg(["post", "general", "@alice peux-tu relire le budget ?"], as: "bob")
        try s.msg(["post", "general", "Réunion budget jeudi"], as: "bob")
        try s.task("add", "Relire le rapport avec Alice Martin", "--assignee", "alice", as: "bob")
        try s.task("add", "Préparer le budget", as: "bob")
        try s.task("comment", "1", "Je m'en occupe demain", as: "alice")
        try s.docOK("folder", "add", "/rh", "--visibility", "public")
        try s.docOK("folder", "share", "/rh", "alice:write", "bob:write")
        _ = try s.addDoc("cv.txt", cv, folder: "/rh", as: "alice")
        _ = try s.addDoc("contrat.txt", contract, folder: "/rh", as: "alice")
        _ = try s.addDoc("budget.txt", "Budget 2027\n", folder: "/rh", as: "bob")
        try s.ok("key", "generate", env: ["COLLAB_USER": "alice"])
        try s.docOK("circuit", "start", "doc-1", "--step", "signature:alice", as: "alice")
        try s.docOK("sign", "doc-1", as: "alice")
        try s.docOK("archive", "doc-2", "--retain", "10y")
        try s.cal("calendar", "add", "mairie", "--title", "Mairie", "--visibility", "public")
        try s.cal("calendar", "share", "mairie", "bob:write")
        try s.cal("add", "Point avec Alice Martin", "--calendar", "mairie", "--start", "2026-11-30 10:00", "--duration", "1h",
                  "--attendee", "alice", env: ["COLLAB_USER": "bob"])
        try s.cal("add", "Budget", "--calendar", "mairie", "--start", "2026-12-01 10:00", "--duration", "1h", env: ["COLLAB_USER": "bob"])
        return s
    }

    /// How many times `needle` occurs in `bytes`.
    static func count(_ needle: String, in bytes: [UInt8]) -> Int {
        let n = Array(needle.utf8)
        guard !n.isEmpty, bytes.count >= n.count else { return 0 }
        var c = 0
        for i in 0...(bytes.count - n.count) where bytes[i] == n[0] && Array(bytes[i..<(i + n.count)]) == n { c += 1 }
        return c
    }

    /// Occurrences of `needle` in the store's file, its WAL and its shared-memory file.
    /// Where `needle` occurs in the store's bytes: the SQLite file and its companions, or on
    /// PostgreSQL every live row as pg_dump prints it (bytea as escaped text, so that
    /// ASCII inside stored content shows as itself).
    static func occurrences(_ s: Sandbox, _ needle: String) -> (db: Int, wal: Int, shm: Int) {
        if TestDatabases.onPostgres {
            let dump = try? s.run("pg_dump", ["--data-only", s.dbPath], env: ["PGOPTIONS": "-c bytea_output=escape"])
            return (count(needle, in: dump?.stdoutBytes ?? []), 0, 0)
        }
        return (count(needle, in: Sandbox.read(s.dbPath)), count(needle, in: Sandbox.read(s.dbPath + "-wal")),
         count(needle, in: Sandbox.read(s.dbPath + "-shm")))
    }

    // MARK: export

    @Test func exportHoldsEveryRecordAboutTheUser() throws {
        let s = try Self.store()
        let r = try s.ok("gdpr", "export", "alice", "--dir", "out")
        let records = try r.records()
        func ids(_ type: String) -> [String] { records.filter { $0.string("type") == type }.compactMap { $0.string("id") } }
        #expect(records.first?.string("type") == "user")
        #expect(records.first?.string("email") == Self.email)
        #expect(ids("channel") == ["general"])
        #expect(ids("message") == ["msg-1", "msg-2", "msg-3"], "her own, the one naming her, the one mentioning her")
        #expect(ids("task") == ["task-1"])
        #expect(ids("comment") == ["comment-1"])
        #expect(ids("doc") == ["doc-1", "doc-2"])
        #expect(ids("version") == ["doc-1@1", "doc-2@1"])
        #expect(ids("circuit").count == 1)
        #expect(records.filter { $0.string("type") == "decision" }.map { $0.string("action") } == ["sign"])
        #expect(ids("key") == ["key-1"])
        #expect(ids("event") == ["evt-1"])
        let changes = records.filter { $0.string("type") == "change" }
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.string("actor") == "alice" || $0.string("record_id") == "alice" })
        // The bytes: one file per version, identical to what was stored (sha256sum agrees).
        let files = records.filter { $0.string("type") == "file" }
        #expect(files.map { $0.string("id") } == ["documents/doc-1@1-cv.txt", "documents/doc-2@1-contrat.txt"])
        #expect(Sandbox.read(s.path + "/out/documents/doc-1@1-cv.txt") == Array(Self.cv.utf8))
        #expect(Sandbox.read(s.path + "/out/documents/doc-2@1-contrat.txt") == Array(Self.contract.utf8))
        for f in files {
            let sum = try s.run("sha256sum", ["out/" + f.string("id")!])
            #expect(sum.stdout.split(separator: " ").first.map(String.init) == f.string("sha256"))
        }
        // The folder holds the same records, and the manifest the files.
        let saved = String(decoding: Sandbox.read(s.path + "/out/records.ndjson"), as: UTF8.self)
        #expect(saved == r.stdout)
        let manifest = String(decoding: Sandbox.read(s.path + "/out/manifest.ndjson"), as: UTF8.self)
        #expect(manifest.split(separator: "\n").count == 2)
        #expect(Sandbox.mode(of: s.path + "/out") == 0o700)
    }

    @Test func exportWithoutAFolderPrintsOnly() throws {
        let s = try Self.store()
        let records = try s.ok("gdpr", "export", "bob").records()
        #expect(records.first?.string("id") == "bob")
        #expect(!records.contains { $0.string("type") == "file" })
        #expect(records.filter { $0.string("type") == "message" }.map { $0.string("id") } == ["msg-2", "msg-3", "msg-4"])
    }

    @Test func exportErrors() throws {
        let s = try Self.store()
        let denied = try s.fails(77, "gdpr", "export", "alice", env: ["COLLAB_USER": "bob"])
        #expect(denied.stdout.isEmpty)
        #expect(denied.stderr.contains("admin"))
        try s.fails(77, "gdpr", "export", "alice", env: ["COLLAB_USER": "alice"])
        let missing = try s.fails(1, "gdpr", "export", "ghost")
        #expect(missing.stderr.contains("ghost"))
        try s.fails(64, "gdpr", "export")
    }

    // MARK: erase

    /// With or without VACUUM: secure_delete alone already zeroes what was freed.
    @Test(arguments: [[], ["--no-vacuum"]])
    func eraseLeavesNoTraceAndTheChainVerifies(extra: [String]) throws {
        let s = try Self.store()
        #expect(Self.occurrences(s, Self.name).db + Self.occurrences(s, Self.name).wal > 0)
        #expect(Self.occurrences(s, "0612345678").db + Self.occurrences(s, "0612345678").wal > 0)
        let r = try s.run("collab-admin", ["gdpr", "erase", "alice"] + extra)
        try #require(r.status == 0, "\(r)")
        // No trace in the file's bytes, except inside the retained contract's content.
        let name = Self.occurrences(s, Self.name), mail = Self.occurrences(s, Self.email)
        #expect(name.db == Self.count(Self.name, in: Array(Self.contract.utf8)), "only the retained contract holds the name")
        #expect(name.wal == 0 && name.shm == 0)
        #expect(mail.db == 0 && mail.wal == 0 && mail.shm == 0)
        for secret in ["0612345678", "alice.martin"] {
            #expect(Self.occurrences(s, secret).db == 0, "\(secret)")
        }
        // What it printed.
        let out = try r.records()
        let erasure = try #require(out.first)
        #expect(erasure.string("type") == "erasure")
        #expect(erasure.string("id") == "era-1")
        #expect(erasure.string("user") == "alice")
        #expect(erasure.strings("retained") == ["doc-2"])
        let items = Dictionary(uniqueKeysWithValues: out.filter { $0.string("type") == "erasure_item" }.map { ($0.string("kind")!, $0) })
        #expect(items["messages"]?.int("count") == 1)
        #expect(items["comments"]?.int("count") == 1)
        #expect(items["documents_deleted"]?.strings("ids") == ["doc-1"])
        #expect(items["user"]?.int("count") == 1)
        #expect((items["changes"]?.int("count") ?? 0) > 0)
        #expect(items.keys.contains("text:messages") && items.keys.contains("text:tasks") && items.keys.contains("text:events"))
        let retained = out.filter { $0.string("type") == "retained" }
        #expect(retained.map { $0.string("id") } == ["doc-2"])
        // The chain still verifies, and lists the redacted entries with the erasure.
        let v = try s.verify()
        #expect(v.status == 0, "\(v.result)")
        let redacted = try #require(v.record.objects("redacted"))
        #expect(redacted.count == items["changes"]?.int("count"))
        #expect(redacted.allSatisfy { $0.string("erasure") == "era-1" && $0.string("by") == "root" })
        // The erasure itself is in the chain.
        #expect(try s.changes("--type", "erasure").map { $0.string("record_id") } == ["era-1"])
    }

    @Test func afterErasureSearchFindsNothingAndOthersAreIntact() throws {
        let s = try Self.store()
        try s.ok("gdpr", "erase", "alice")
        let alice = try s.user("alice")
        #expect(alice.string("name") == "[erased]")
        #expect(alice.string("email") == nil)
        #expect(alice.string("status") == "disabled")
        #expect(try s.msg(["search", "Martin"], as: "bob").stdout.isEmpty)
        #expect(try s.msg(["search", "0612345678"], as: "bob").stdout.isEmpty)
        #expect(try s.task("list", "--query", "Martin", as: "bob").stdout.isEmpty)
        #expect(try s.docOK("search", "Martin", as: "bob").stdout.isEmpty)
        // Messages: hers replaced, the one naming her edited, the others untouched.
        let messages = try s.msg(["list", "general"], as: "bob").records()
        #expect(messages.map { $0.string("body") } == [
            "[erased]", "Merci [erased] pour le compte rendu", "@alice peux-tu relire le budget ?", "Réunion budget jeudi",
        ])
        #expect(try s.task("show", "1", as: "bob").record().string("title") == "Relire le rapport avec [erased]")
        #expect(try s.task("show", "2", as: "bob").record().string("title") == "Préparer le budget")
        // bob, his document, his event: intact; her signed CV is gone, her contract kept.
        let bob = try s.user("bob")
        #expect(bob.string("name") == "Bob Durand" && bob.string("email") == "bob.durand@mairie.example")
        try s.docFails(1, "show", "doc-1")
        #expect(try s.docOK("show", "doc-2").record().string("status") == "archived")
        #expect(try s.docOK("get", "doc-2").stdout == Self.contract)
        #expect(try s.docOK("show", "doc-3").record().string("title") == "budget.txt")
        let events = try s.cal("show", "evt-1", "evt-2").records()
        #expect(events.map { $0.string("title") } == ["Point avec [erased]", "Budget"])
        // A second erasure changes nothing.
        let before = try s.lastSeq()
        let again = try s.ok("gdpr", "erase", "alice").records()
        #expect(again.first?.string("id") == "era-1")
        #expect(again.first?.bool("already") == true)
        #expect(try s.lastSeq() == before)
    }

    /// Someone else's document naming the person is kept as it is and listed; the search
    /// index forgets the name; the person's external key is released.
    @Test func othersDocumentsAreListedAndKeysReleased() throws {
        let s = try Sandbox()
        try s.addUsers("alice", extra: ["--name", Self.name, "--email", Self.email, "--key", "HR-1"])
        try s.addUsers("bob", extra: ["--name", "Bob Durand"])
        try s.docOK("folder", "add", "/rh", "--visibility", "public")
        try s.docOK("folder", "share", "/rh", "bob:write")
        let note = "Entretien annuel de Alice Martin\n"
        _ = try s.addDoc("entretien.txt", note, folder: "/rh", as: "bob")
        #expect(try s.docOK("search", "Martin", as: "bob").records().count == 1)
        let out = try s.ok("gdpr", "erase", "alice").records()
        let mentioning = try #require(out.first { $0.string("kind") == "documents_mentioning" })
        #expect(mentioning.strings("ids") == ["doc-1"])
        #expect(out.first { $0.string("kind") == "external_keys" }?.int("count") == 1)
        #expect(try s.docOK("get", "doc-1", as: "bob").stdout == note)
        #expect(try s.docOK("search", "Martin", as: "bob").stdout.isEmpty)
        #expect(try s.docOK("search", "Entretien", as: "bob").records().map { $0.string("id") } == ["doc-1"])
        // The key now names nobody: a new user may take it.
        #expect(try s.ok("user", "add", "alicia", "--key", "HR-1").record().string("id") == "alicia")
    }

    /// A reader holding an old snapshot keeps the WAL from being emptied: the erasure
    /// still commits (exit 0) and says so; run again once the reader is gone, it finishes.
    @Test(.enabled(if: TestDatabases.onSQLite)) func aReaderDelaysTheCleanupNotTheErasure() throws {
        let s = try Self.store()
        let script = """
            import sqlite3, sys, time
            con = sqlite3.connect(sys.argv[1], isolation_level=None)
            con.execute("BEGIN")
            con.execute("SELECT count(*) FROM changes").fetchall()
            print("ready", flush=True)
            time.sleep(60)
            """
        let reader = try s.start("python3", ["-c", script, s.dbPath])
        defer { reader.send(9) }
        try #require(eventually(timeout: 20) { reader.stdoutSoFar.contains("ready") }, "\(reader.stderrSoFar)")
        let r = try s.run("collab-admin", ["gdpr", "erase", "alice", "--busy-timeout", "1s"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("again later"))
        #expect(try s.user("alice").string("name") == "[erased]")
        reader.send(9)
        _ = reader.wait(timeout: 10)
        let again = try s.ok("gdpr", "erase", "alice")
        #expect(try again.records().first?.bool("already") == true)
        #expect(again.stderr.isEmpty)
        let name = Self.occurrences(s, Self.name)
        #expect(name.wal == 0 && name.db == Self.count(Self.name, in: Array(Self.contract.utf8)))
    }

    @Test func dryRunWritesNothing() throws {
        let s = try Self.store()
        let before = try s.lastSeq()
        let r = try s.ok("gdpr", "erase", "alice", "--dry-run")
        let printed = try r.records()
        #expect(printed.allSatisfy { $0.string("type") == "change" })
        #expect(printed.contains { $0.string("record_type") == "erasure" })
        #expect(try s.lastSeq() == before)
        #expect(try s.user("alice").string("name") == Self.name)
        #expect(try s.msg(["search", "Martin"], as: "bob").records().count == 1)
        #expect(try s.verify().record.objects("redacted")?.isEmpty == true)
    }

    @Test func eraseErrors() throws {
        let s = try Self.store()
        let before = try s.lastSeq()
        try s.fails(1, "gdpr", "erase", "ghost")
        try s.fails(77, "gdpr", "erase", "alice", env: ["COLLAB_USER": "bob"])
        #expect(try s.user("alice").string("name") == Self.name)
        // The refusal is recorded; nothing else changed.
        #expect(try s.changes("--since", "\(before)").map { $0.string("record_type") } == ["refusal"])
        let last = try s.fails(73, "gdpr", "erase", "root")
        #expect(last.stderr.contains("last active admin"))
        #expect(try s.user("root").string("name") == Sandbox.adminName)
        try s.fails(64, "gdpr", "erase")
    }
}
