import Testing
import _CollabTestSupport

/// `collab-msg import|export`: native NDJSON, Mattermost bulk JSONL, Slack export folders.
@Suite struct MsgInterchangeTests {
    /// A store with history: a public channel with a thread, a private channel, a direct
    /// conversation with a message, a deleted message.
    private func history() throws -> Sandbox {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "secret", "--private", "--member", "alice", "--topic", "RH"])
        try s.post("general", "Réunion lundi @alice", as: "bob")
        try s.msg(["reply", "msg-1", "J'y serai"], as: "alice")
        try s.post("general", "à supprimer", as: "bob")
        try s.msg(["delete", "msg-3"], as: "bob")
        try s.post("secret", "dossier confidentiel")
        let dm = try #require(try s.msg(["dm", "alice"], as: "bob").record().string("id"))
        try s.post(dm, "un café ?", as: "bob")
        return s
    }

    @Test func nativeExportImportsBackTheSame() throws {
        let s = try history()
        let exported = try s.msg(["export"]).stdout
        #expect(try s.msg(["export"]).records().filter { $0.string("type") == "message" }.count == 5)
        let t = try Sandbox.messaging()
        let r = try t.msg(["import", "-"], stdin: exported)
        #expect(try r.records().filter { $0.string("type") == "message" }.map { $0.string("id") } == ["msg-1", "msg-2", "msg-3", "msg-4", "msg-5"])
        #expect(try t.msg(["export"]).stdout == exported)
        let seq = try t.lastSeq()
        #expect(try t.msg(["import", "-"], stdin: exported).stdout.isEmpty, "importing again changes nothing")
        #expect(try t.lastSeq() == seq)
        #expect(try t.msgIds(["search", "confidentiel"], as: "bob").isEmpty, "access comes along")
        #expect(try t.post("general", "suite") == "msg-6", "the sequence goes on after the imported ids")
    }

    @Test func oneBadLineImportsNothing() throws {
        let s = try Sandbox.messaging()
        let input = """
            {"type":"message","channel":"general","author":"alice","ts":"2026-11-20T08:00:00Z","body":"ok"}
            {"type":"message","channel":"nowhere","author":"alice","ts":"2026-11-20T08:00:00Z","body":"x"}
            {"type":"message","channel":"general","author":"nobody","ts":"2026-11-20T08:00:00Z","body":"x"}
            not json
            {"type":"message","channel":"general","author":"alice","ts":"yesterday","body":"x"}
            {"type":"task","id":"task-1"}
            """
        let r = try s.msgFails(65, ["import", "--format", "ndjson"], stdin: input)
        #expect(r.stdout.isEmpty)
        #expect(try r.errorRecords().compactMap { $0.int("input_line") } == [2, 3, 4, 5, 6], "\(r)")
        #expect(try s.msgIds(["list", "general"]).isEmpty)
        let ok = try s.msg(["import", "--skip-invalid"], stdin: input)
        #expect(try ok.ids() == ["msg-1"])
        #expect(ok.stderr.contains("5 bad lines skipped"), "\(ok)")
        try s.msgFails(77, ["import"], as: "alice", stdin: input)
        try s.msgFails(74, ["import", "/nonexistent.ndjson"])
    }

    @Test func aChannelOrAuthorNotFoundIsReportedOnEveryLineThatNamesIt() throws {
        let s = try Sandbox.messaging()
        func line(_ channel: String, _ author: String, _ body: String) -> String {
            "{\"type\":\"message\",\"channel\":\"\(channel)\",\"author\":\"\(author)\",\"ts\":\"2026-11-20T08:00:00Z\",\"body\":\"\(body)\"}\n"
        }
        let input = line("general", "nobody", "a") + line("general", "nobody", "b") + line("nowhere", "alice", "c")
            + line("nowhere", "alice", "d") + line("general", "alice", "e") + line("general", "alice", "f")
        let r = try s.msgFails(65, ["import", "--format", "ndjson"], stdin: input)
        #expect(try r.errorRecords().compactMap { $0.int("input_line") } == [1, 2, 3, 4], "\(r)")
        let ok = try s.msg(["import", "--skip-invalid"], stdin: input)
        #expect(try ok.records().map { $0["body"] as? String } == ["e", "f"])
        #expect(ok.stderr.contains("4 bad lines skipped"), "\(ok)")
    }

    @Test func aKnownIdWithOtherContentIsAConflict() throws {
        let s = try Sandbox.messaging()
        try s.post("general", "premier", as: "alice")
        let r = try s.msgFails(73, ["import"], stdin: "{\"type\":\"message\",\"id\":\"msg-1\",\"channel\":\"general\",\"author\":\"bob\",\"ts\":\"2026-01-01T00:00:00Z\",\"body\":\"x\"}\n")
        #expect(r.stderr.contains("msg-1"), "\(r)")
    }

    @Test func aMattermostFileRoundTrips() throws {
        let s = try history()
        let file = try s.msg(["export", "--output-format", "mattermost", "--format", "table"]).stdout
        let lines = file.split(separator: "\n").map(String.init)
        #expect(lines.first == "{\"type\":\"version\",\"version\":1}")
        #expect(lines.contains { $0.contains("\"type\":\"direct_post\"") })
        #expect(!file.contains("à supprimer"), "deleted messages are not exported")
        let post = try #require(lines.first { $0.contains("Réunion lundi") })
        #expect(post.contains("\"replies\":[{\"user\":\"alice\",\"message\":\"J'y serai\",\"create_at\":1795425600000}]"), "\(post)")

        let t = try Sandbox()
        let imported = try t.msg(["import", "--input-format", "mattermost", "-"], stdin: file)
        #expect(try imported.records().contains { $0.string("type") == "user" && $0.string("id") == "alice" })
        let seq = try t.lastSeq()
        #expect(try t.msg(["import", "--input-format", "mattermost", "-"], stdin: file).stdout.isEmpty, "idempotent on Mattermost's natural keys")
        #expect(try t.lastSeq() == seq)
        let again = try t.msg(["export", "--output-format", "mattermost"]).stdout
        let u = try Sandbox()
        try u.msg(["import", "--input-format", "mattermost", "-"], stdin: again)
        for store in [t, u] {
            #expect(try store.msgIds(["channel", "list"]).sorted() == ["general", "secret"])
            let general = try store.msg(["list", "general"]).records()
            #expect(general.map { $0.string("body") } == ["Réunion lundi @alice", "J'y serai"])
            #expect(general.last?.string("thread") == general.first?.string("id"))
            #expect(general.first?.strings("mentions") == ["alice"])
            let secret = try store.msg(["channel", "show", "secret"]).record()
            #expect(secret.string("visibility") == "private")
            #expect(secret.strings("members") == ["alice", "root"])
            let dm = try #require(try store.msg(["dm", "alice"], as: "bob").record().string("id"))
            #expect(try store.msg(["list", dm], as: "bob").records().map { $0.string("body") } == ["un café ?"])
        }
    }

    @Test func aMattermostFileStartsWithItsVersion() throws {
        let s = try Sandbox()
        let r = try s.msgFails(65, ["import", "--input-format", "mattermost"], stdin: "{\"type\":\"team\",\"team\":{\"name\":\"t\"}}\n")
        #expect(r.stderr.contains("version"), "\(r)")
        try s.msgFails(65, ["import", "--input-format", "mattermost"], stdin: "{\"type\":\"version\",\"version\":2}\n")
        let skipped = try s.msg(["import", "--input-format", "mattermost"], stdin: "{\"type\":\"version\",\"version\":1}\n{\"type\":\"emoji\",\"emoji\":{}}\n")
        #expect(skipped.stdout.isEmpty)
        #expect(skipped.stderr.contains("1 'emoji' line skipped"), "\(skipped)")
        try s.msgFails(64, ["export", "--output-format", "slack"])
        try s.msgFails(77, ["export", "--output-format", "mattermost"], as: "nobody")
    }

    @Test func aSlackExportIsImported() throws {
        let s = try Sandbox()
        try s.writeFile("slack/users.json", """
            [{"id":"U1","name":"Alice.M","real_name":"Alice Martin","profile":{"email":"alice@mairie.fr"}},
             {"id":"U2","name":"bob","profile":{"real_name":"Bob Dupont"}}]
            """)
        try s.writeFile("slack/channels.json", """
            [{"id":"C1","name":"general","created":1700000000,"creator":"U1","members":["U1","U2"],
              "topic":{"value":"Tout le monde"},"purpose":{"value":""}}]
            """)
        try s.writeFile("slack/dms.json", #"[{"id":"D1","members":["U1","U2"]}]"#)
        try s.writeFile("slack/general/2026-11-20.json", """
            [{"type":"message","subtype":"channel_join","user":"U2","text":"<@U2> has joined","ts":"1763625600.000100"},
             {"type":"message","user":"U1","text":"Bonjour <@U2> &amp; tous","ts":"1763625700.000200","thread_ts":"1763625700.000200"},
             {"type":"message","user":"U2","text":"Salut","ts":"1763625800.000300","thread_ts":"1763625700.000200"}]
            """)
        try s.writeFile("slack/general/2026-11-21.json", #"[{"type":"message","user":"U2","text":"Lendemain","ts":"1763712000.000100"}]"#)
        try s.writeFile("slack/D1/2026-11-21.json", #"[{"type":"message","user":"U2","text":"en privé","ts":"1763712100.000100"}]"#)
        let r = try s.msg(["import", "--input-format", "slack", s.path + "/slack"])
        #expect(try r.records().filter { $0.string("type") == "user" }.map { $0.string("id") } == ["alice.m", "bob"])
        let general = try s.msg(["list", "general"]).records()
        #expect(general.map { $0.string("body") } == ["Bonjour @bob & tous", "Salut", "Lendemain"])
        #expect(general.map { $0.string("author") } == ["alice.m", "bob", "bob"])
        #expect(general[1].string("thread") == general[0].string("id"))
        #expect(general[0].strings("mentions") == ["bob"])
        #expect(general[0].string("ts") == "2025-11-20T08:01:40Z")
        #expect(try s.msg(["channel", "show", "general"]).record().string("topic") == "Tout le monde")
        let dm = try #require(try s.msg(["dm", "alice.m"], as: "bob").record().string("id"))
        #expect(try s.msg(["list", dm], as: "bob").records().map { $0.string("body") } == ["en privé"])
        let seq = try s.lastSeq()
        #expect(try s.msg(["import", "--input-format", "slack", s.path + "/slack"]).stdout.isEmpty)
        #expect(try s.lastSeq() == seq)
        try s.msgFails(64, ["import", "--input-format", "slack"])
        try s.msgFails(74, ["import", "--input-format", "slack", s.path + "/missing"])
    }
}
