import Testing
import _CollabTestSupport

/// `collab-msg channel …` and `dm`: creation and its idempotency, access by visibility,
/// membership, archiving.
@Suite struct MsgChannelTests {
    @Test func addPrintsTheChannelOwnedByItsCreator() throws {
        let s = try Sandbox.messaging()
        let c = try s.msg(["channel", "add", "plu", "--title", "PLU 2027", "--topic", "révision", "--member", "alice"], as: "bob").record()
        #expect(c.string("type") == "channel")
        #expect(c.string("id") == "plu")
        #expect(c.string("title") == "PLU 2027")
        #expect(c.string("topic") == "révision")
        #expect(c.string("visibility") == "public")
        #expect(c.string("owner") == "bob")
        #expect(c.strings("members") == ["alice", "bob"])
        #expect(c.bool("archived") == false)
        #expect(c.int("rev") == 1)
        #expect(c.string("created") == Sandbox.now)
        #expect(try s.changes().last?.string("record_type") == "channel")
    }

    @Test func repeatingAnAddChangesNothingAndOtherAttributesConflict() throws {
        let s = try Sandbox.messaging()
        let seq = try s.lastSeq()
        #expect(try s.msg(["channel", "add", "general", "--title", "Général"]).record().int("rev") == 1)
        #expect(try s.lastSeq() == seq)
        let r = try s.msgFails(73, ["channel", "add", "general", "--title", "Autre"])
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--update"), "\(r)")
        let c = try s.msg(["channel", "add", "general", "--title", "Autre", "--update"]).record()
        #expect(c.string("title") == "Autre")
        #expect(c.int("rev") == 2)
    }

    @Test func aRepeatedKeyReturnsTheFirstChannel() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "projet-a", "--key", "EXT-1"])
        let seq = try s.lastSeq()
        #expect(try s.msg(["channel", "add", "projet-b", "--key", "EXT-1"]).record().string("id") == "projet-a")
        try s.msgFails(1, ["channel", "show", "projet-b"])
        #expect(try s.lastSeq() == seq)
    }

    @Test(arguments: ["General", "a b", "x!"])
    func aBadIdIsBadInput(_ id: String) throws {
        let s = try Sandbox.messaging()
        let r = try s.msgFails(65, ["channel", "add", id])
        #expect(r.stderr.contains("invalid id"), "\(r)")
    }

    @Test func aGuestMayNotCreateAChannel() throws {
        let s = try Sandbox.messaging()
        try s.msgFails(77, ["channel", "add", "partners"], as: "gus")
        #expect(try s.changes().last?.string("record_type") == "refusal")
    }

    @Test func aPrivateChannelIsSeenByItsMembersOnly() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "rh-secret", "--private", "--member", "alice"], as: "root")
        #expect(try s.msgIds(["channel", "list"], as: "alice") == ["general", "rh-secret"])
        #expect(try s.msgIds(["channel", "list"], as: "bob") == ["general"])
        try s.msgFails(77, ["channel", "show", "rh-secret"], as: "bob")
        try s.msgFails(77, ["channel", "join", "rh-secret"], as: "bob")
        try s.msgFails(77, ["post", "rh-secret", "hello"], as: "bob")
        try s.msg(["post", "rh-secret", "hello"], as: "alice")
    }

    @Test func aGuestSeesOnlyTheChannelsTheyWereInvitedTo() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "partenaires"])
        #expect(try s.msgIds(["channel", "list"], as: "gus").isEmpty)
        try s.msgFails(77, ["channel", "show", "general"], as: "gus")
        try s.msgFails(77, ["channel", "join", "general"], as: "gus")
        let c = try s.msg(["channel", "invite", "partenaires", "gus"], as: "root").record()
        #expect(c.strings("members") == ["gus", "root"])
        #expect(try s.msgIds(["channel", "list"], as: "gus") == ["partenaires"])
        try s.msg(["post", "partenaires", "bonjour"], as: "gus")
    }

    @Test func updateNeedsManageAndChecksTheRev() throws {
        let s = try Sandbox.messaging()
        try s.msgFails(77, ["channel", "update", "general", "--topic", "x"], as: "alice")
        try s.msgFails(73, ["channel", "update", "general", "--topic", "x", "--if-rev", "9"])
        let c = try s.msg(["channel", "update", "general", "--topic", "Tout le monde", "--if-rev", "1"]).record()
        #expect(c.string("topic") == "Tout le monde")
        #expect(c.int("rev") == 2)
        #expect(try s.msg(["channel", "update", "general", "--topic", ""]).record().string("topic") == nil)
        try s.msgFails(65, ["channel", "update", "general", "--visibility", "direct"])
        try s.msgFails(64, ["channel", "update", "general", "--visibility", "secret"])
        try s.msgFails(1, ["channel", "update", "nowhere", "--topic", "x"])
    }

    @Test func anArchivedChannelIsReadOnlyAndHidden() throws {
        let s = try Sandbox.messaging()
        try s.post("general", "avant")
        #expect(try s.msg(["channel", "archive", "general"]).record().bool("archived") == true)
        let r = try s.msgFails(73, ["post", "general", "après"], as: "alice")
        #expect(r.stderr.contains("archived"), "\(r)")
        #expect(try s.msgIds(["channel", "list"]).isEmpty)
        #expect(try s.msgIds(["channel", "list", "--archived"]) == ["general"])
        #expect(try s.msgIds(["list", "general"], as: "alice").count == 1)
        try s.msgFails(77, ["channel", "archive", "general", "--restore"], as: "alice")
        try s.msg(["channel", "archive", "general", "--restore"])
        try s.post("general", "après", as: "alice")
    }

    @Test func joinAndLeaveChangeTheMembers() throws {
        let s = try Sandbox.messaging()
        #expect(try s.msg(["channel", "join", "general"], as: "alice").record().strings("members") == ["alice", "root"])
        let seq = try s.lastSeq()
        try s.msg(["channel", "join", "general"], as: "alice")
        #expect(try s.lastSeq() == seq, "joining twice changes nothing")
        #expect(try s.msgIds(["channel", "list", "--joined"], as: "alice") == ["general"])
        #expect(try s.msg(["channel", "leave", "general"], as: "alice").record().strings("members") == ["root"])
        #expect(try s.msgIds(["channel", "list", "--joined"], as: "alice").isEmpty)
    }

    @Test func leavingAPrivateChannelDropsAccess() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "secret", "--private", "--member", "alice"])
        try s.msg(["channel", "leave", "secret"], as: "alice")
        try s.msgFails(77, ["channel", "show", "secret"], as: "alice")
    }

    @Test func inviteAndRemove() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "secret", "--private"], as: "alice")
        try s.msgFails(1, ["channel", "invite", "secret", "nobody"], as: "alice")
        try s.msgFails(77, ["channel", "invite", "secret", "gus"], as: "bob")
        try s.msg(["channel", "invite", "secret", "bob"], as: "alice")
        try s.msg(["channel", "show", "secret"], as: "bob")
        try s.msgFails(77, ["channel", "remove", "secret", "alice"], as: "bob")
        #expect(try s.msg(["channel", "remove", "secret", "bob"], as: "alice").record().strings("members") == ["alice"])
        try s.msgFails(77, ["channel", "show", "secret"], as: "bob")
    }

    @Test func dmOpensOrReusesTheDirectConversation() throws {
        let s = try Sandbox.messaging()
        let c = try s.msg(["dm", "bob"], as: "alice").record()
        #expect(c.string("visibility") == "direct")
        #expect(c.strings("members") == ["alice", "bob"])
        let id = try #require(c.string("id"))
        let seq = try s.lastSeq()
        #expect(try s.msgIds(["dm", "alice"], as: "bob") == [id])
        #expect(try s.lastSeq() == seq)
        let group = try s.msg(["dm", "bob", "root"], as: "alice").record()
        #expect(group.string("id") != id)
        #expect(group.strings("members") == ["alice", "bob", "root"])
        try s.msg(["post", id, "salut"], as: "bob")
        try s.msgFails(77, ["list", id], as: "gus")
        #expect(try s.msgIds(["channel", "list"], as: "alice").contains(id))
        #expect(try !s.msgIds(["channel", "list"], as: "root").contains(id), "an admin's list shows their own conversations")
        try s.msgFails(73, ["channel", "invite", id, "root"], as: "alice")
        try s.msgFails(77, ["dm", "alice"], as: "gus")
        try s.msgFails(1, ["dm", "nobody"], as: "alice")
        try s.msgFails(65, ["dm", "alice"], as: "alice")
    }

    @Test func theRecordsPassTheAuditCheck() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "invite", "general", "alice", "gus"])
        try s.post("general", "hello @alice")
        let v = try s.verify()
        #expect(v.status == 0)
        #expect(v.record.bool("ok") == true)
    }
}
