import Testing
import _CollabTestSupport

/// `collab-msg post|reply|edit|delete`, mentions, attachments, posting from pipes.
@Suite struct MsgMessageTests {
    @Test func postPrintsTheMessageWithItsMentions() throws {
        let s = try Sandbox.messaging()
        let folder = try s.run("collab-doc", ["folder", "add", "/partage", "--visibility", "public"])
        try #require(folder.status == 0, "\(folder)")
        for name in ["ordre-du-jour.txt", "budget.txt"] {
            let path = try s.writeFile(name, "contenu\n")
            let d = try s.run("collab-doc", ["add", path, "--folder", "/partage"])
            try #require(d.status == 0, "\(d)")
        }
        let m = try s.msg(["post", "general", "Réunion demain, @alice et @rh; écrire à x@y.fr", "--attach", "doc-1", "--attach", "2"], as: "bob").record()
        #expect(m.string("type") == "message")
        #expect(m.string("id") == "msg-1")
        #expect(m.string("channel") == "general")
        #expect(m.string("author") == "bob")
        #expect(m.string("ts") == Sandbox.now)
        #expect(m.string("body") == "Réunion demain, @alice et @rh; écrire à x@y.fr")
        #expect(m.strings("mentions") == ["alice", "rh"])
        #expect(m.strings("attachments") == ["doc-1", "doc-2"])
        try s.msgFails(1, ["post", "general", "x", "--attach", "doc-9"], as: "bob")
        try s.run("collab-doc", ["folder", "add", "/secret"])
        let secret = try s.writeFile("secret.txt", "x\n")
        try s.run("collab-doc", ["add", secret, "--folder", "/secret"])
        try s.msgFails(77, ["post", "general", "x", "--attach", "doc-3"], as: "bob")
        #expect(m["thread"] == nil)
        #expect(m.int("rev") == 1)
        #expect(try s.post("general", "deux") == "msg-2")
    }

    @Test func theTextMayComeFromStandardInput() throws {
        let s = try Sandbox.messaging()
        let m = try s.msg(["post", "general", "-"], stdin: "ligne 1\nligne 2\n").record()
        #expect(m.string("body") == "ligne 1\nligne 2")
    }

    @Test func badPostsAreRefused() throws {
        let s = try Sandbox.messaging()
        try s.msgFails(65, ["post", "general", "   "])
        try s.msgFails(65, ["post", "general", "x", "--attach", "task-3"])
        try s.msgFails(1, ["post", "nowhere", "x"])
        try s.msgFails(77, ["post", "general", "x"], as: "gus")
        try s.msgFails(64, ["post", "general"])
        try s.msgFails(64, ["post"])
        try s.msgFails(77, ["post", "general", "x"], as: "nobody")
        #expect(try s.msgIds(["list", "general"]).isEmpty)
    }

    @Test func aReplyGoesToTheRootThread() throws {
        let s = try Sandbox.messaging()
        let root = try s.post("general", "question", as: "alice")
        let r1 = try s.msg(["reply", root, "réponse"], as: "bob").record()
        #expect(r1.string("thread") == root)
        #expect(r1.string("channel") == "general")
        let r2 = try s.msg(["reply", "2", "encore"], as: "alice").record()
        #expect(r2.string("thread") == root)
        #expect(try s.msgIds(["thread", "msg-3"]) == [root, "msg-2", "msg-3"])
        try s.msgFails(1, ["reply", "msg-99", "x"])
        try s.msgFails(1, ["reply", "abc", "x"])
    }

    @Test func onlyTheAuthorEditsAndTheOldTextStaysInTheChain() throws {
        let s = try Sandbox.messaging()
        let id = try s.post("general", "premier jet", as: "alice")
        try s.msgFails(77, ["edit", id, "pirate"], as: "bob")
        try s.msgFails(77, ["edit", id, "admin"], as: "root")
        try s.msgFails(73, ["edit", id, "x", "--if-rev", "5"], as: "alice")
        let m = try s.msg(["edit", id, "version finale @bob", "--if-rev", "1"], as: "alice").record()
        #expect(m.string("body") == "version finale @bob")
        #expect(m.string("edited") == Sandbox.now)
        #expect(m.strings("mentions") == ["bob"])
        #expect(m.int("rev") == 2)
        let history = try s.changes("--record", id)
        #expect(history.map { $0.string("op") } == ["create", "update"])
        #expect(history.first?.object("record")?.string("body") == "premier jet")
    }

    @Test func deleteLeavesATombstone() throws {
        let s = try Sandbox.messaging()
        let id = try s.post("general", "oups @bob", as: "alice")
        try s.msgFails(77, ["delete", id], as: "bob")
        let m = try s.msg(["delete", id], as: "alice").record()
        #expect(m["body"] == nil)
        #expect(m["mentions"] == nil)
        #expect(m.string("deleted") == Sandbox.now)
        #expect(try s.msg(["list", "general"]).record().string("deleted") == Sandbox.now)
        try s.msgFails(73, ["edit", id, "retour"], as: "alice")
        let seq = try s.lastSeq()
        try s.msg(["delete", id], as: "alice")
        #expect(try s.lastSeq() == seq, "deleting a tombstone changes nothing")
        #expect(try s.msgIds(["search", "oups"]).isEmpty)
        #expect(try s.msgIds(["inbox"], as: "bob").isEmpty)
    }

    @Test func aChannelManagerDeletesOthersMessagesAndOnlyAdminsPurge() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "projet"], as: "bob")
        let id = try s.post("projet", "hors sujet", as: "alice")
        try s.msg(["delete", id], as: "bob")
        try s.msgFails(77, ["delete", id, "--purge"], as: "bob")
        try s.msg(["delete", id, "--purge"])
        #expect(try s.msgIds(["list", "projet"]).isEmpty)
        try s.msgFails(1, ["thread", id])
        #expect(try s.changes("--record", id).last?.string("op") == "delete")
    }

    @Test func postFromRecordsRendersOneMessageEach() throws {
        let s = try Sandbox.messaging()
        let input = "{\"id\":\"task-1\",\"title\":\"Rapport\"}\n\n{\"id\":\"task-2\",\"title\":\"Budget\"}\n"
        let r = try s.msg(["post", "general", "--from", "-", "--template", "À faire: {{title}} ({{id}})"], stdin: input)
        let bodies = try r.records().map { $0.string("body") }
        #expect(bodies == ["À faire: Rapport (task-1)", "À faire: Budget (task-2)"])
        #expect(try r.records().allSatisfy { $0.string("type") == "message" }, "the template renders messages, not the output")
    }

    @Test func postFromRecordsWithJoinPostsOneDigest() throws {
        let s = try Sandbox.messaging()
        let input = "{\"id\":\"task-1\",\"title\":\"Rapport\"}\n{\"id\":\"task-2\",\"title\":\"Budget\"}\n"
        let m = try s.msg(["post", "general", "--from", "-", "--join", "--template", "* {{title}}"], stdin: input).record()
        #expect(m.string("body") == "* Rapport\n* Budget")
    }

    @Test func oneBadInputRecordPostsNothing() throws {
        let s = try Sandbox.messaging()
        let input = "{\"title\":\"ok\"}\nnot json\n{\"title\":\"ok\"}\n"
        let r = try s.msgFails(65, ["post", "general", "--from", "-", "--template", "{{title}}", "--format", "ndjson"], stdin: input)
        #expect(r.stdout.isEmpty)
        let errors = try r.errorRecords()
        #expect(errors.first?.int("input_line") == 2, "\(r)")
        #expect(try s.msgIds(["list", "general"]).isEmpty)
        try s.msgFails(64, ["post", "general", "--from", "-"], stdin: input)
        try s.msgFails(64, ["post", "general", "x", "--join"])
    }

    @Test func dryRunWritesNothing() throws {
        let s = try Sandbox.messaging()
        let r = try s.msg(["post", "general", "essai", "--dry-run"])
        #expect(try r.record().string("type") == "change")
        #expect(try s.msgIds(["list", "general"]).isEmpty)
    }
}
