import Testing
import _CollabTestSupport

/// `collab-msg list|read|unread|inbox|thread|search`: filters, read cursors, access.
@Suite struct MsgReadTests {
    @Test func listFiltersAndKeepsTheNewestLast() throws {
        let s = try Sandbox.messaging()
        try s.post("general", "un", as: "alice", env: ["COLLAB_NOW": "2026-11-20T08:00:00Z"])
        try s.post("general", "deux", as: "bob", env: ["COLLAB_NOW": "2026-11-21T08:00:00Z"])
        try s.post("general", "trois", as: "alice", env: ["COLLAB_NOW": "2026-11-22T08:00:00Z"])
        try s.msg(["reply", "msg-1", "fil"], as: "bob")
        #expect(try s.msgIds(["list", "general"]) == ["msg-1", "msg-2", "msg-3", "msg-4"])
        #expect(try s.msgIds(["list", "general", "--limit", "2"]) == ["msg-3", "msg-4"])
        #expect(try s.msgIds(["list", "general", "--author", "alice"]) == ["msg-1", "msg-3"])
        #expect(try s.msgIds(["list", "general", "--since", "2026-11-21", "--until", "2026-11-22T12:00:00Z"]) == ["msg-2", "msg-3"])
        #expect(try s.msgIds(["list", "general", "--thread", "msg-4"]) == ["msg-1", "msg-4"])
        try s.msgFails(65, ["list", "general", "--since", "someday"])
        try s.msgFails(64, ["list", "general", "--limit", "-1"])
        try s.msgFails(1, ["list", "nowhere"])
        try s.msgFails(77, ["list", "general"], as: "gus")
    }

    @Test func readMovesOnlyTheReadersCursor() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "join", "general"], as: "alice")
        try s.msg(["channel", "join", "general"], as: "bob")
        try s.post("general", "un")
        try s.post("general", "deux")
        try s.post("general", "de bob", as: "bob")
        #expect(try s.msgIds(["read", "general", "--peek"], as: "alice") == ["msg-1", "msg-2", "msg-3"])
        #expect(try s.msgIds(["read", "general", "--limit", "1"], as: "alice") == ["msg-1"])
        #expect(try s.msgIds(["read", "general"], as: "alice") == ["msg-2", "msg-3"])
        #expect(try s.msgIds(["read", "general"], as: "alice").isEmpty)
        #expect(try s.msgIds(["read", "general"], as: "bob") == ["msg-1", "msg-2"], "bob's own message is not unread; alice's reads do not count")
        #expect(try s.changes().last?.string("record_type") == "cursor")
        try s.msgFails(77, ["read", "general"], as: "gus")
    }

    @Test func unreadCountsPerChannel() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "join", "general"], as: "alice")
        try s.msg(["channel", "add", "projet", "--member", "alice"])
        try s.post("general", "un")
        try s.post("general", "pour @alice")
        try s.post("projet", "pour @rh")
        try s.post("general", "moi", as: "alice")
        let counts = try s.msg(["unread"], as: "alice").records()
        #expect(counts.map { $0.string("channel") } == ["general", "projet"])
        #expect(counts.map { $0.int("unread") } == [2, 1])
        #expect(counts.map { $0.int("mentions") } == [1, 1])
        try s.msg(["read", "general"], as: "alice")
        let after = try s.msg(["unread"], as: "alice").records()
        #expect(after.map { $0.string("channel") } == ["projet"])
        #expect(try s.msg(["unread"], as: "bob").stdout.isEmpty, "bob is a member of nothing")
    }

    @Test func inboxHoldsMentionsAndDirectMessages() throws {
        let s = try Sandbox.messaging()
        let dm = try #require(try s.msg(["dm", "alice"], as: "bob").record().string("id"))
        try s.post("general", "rien")
        try s.post("general", "@alice regarde")
        try s.post(dm, "en privé", as: "bob")
        try s.post("general", "au service @rh")
        try s.msg(["channel", "add", "secret", "--private"])
        try s.post("secret", "@alice ne le verra pas")
        let inbox = try s.msg(["inbox"], as: "alice").records()
        #expect(inbox.map { $0.string("id") } == ["msg-2", "msg-3", "msg-4"])
        #expect(inbox.map { $0.string("reason") } == ["mention", "direct", "mention"])
        try s.msg(["read", dm], as: "alice")
        #expect(try s.msgIds(["inbox"], as: "alice") == ["msg-2", "msg-4"])
        #expect(try s.msgIds(["inbox"], as: "bob").isEmpty)
    }

    @Test func aGuestsInboxLeavesOutChannelsNotSharedWithThem() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "partenaires", "--member", "gus"])
        try s.post("general", "@gus interne")
        try s.post("partenaires", "@gus bienvenue")
        #expect(try s.msgIds(["inbox"], as: "gus") == ["msg-2"])
    }

    @Test func searchRanksAndRespectsAccess() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "secret", "--private"])
        try s.msg(["channel", "add", "partenaires", "--private", "--member", "gus"])
        try s.post("general", "La réunion du conseil municipal", as: "alice")
        try s.post("general", "Réunion, réunion, encore une réunion", as: "bob")
        try s.post("secret", "réunion secrète")
        try s.post("partenaires", "réunion avec les partenaires")
        let found = try s.msg(["search", "reunions"], as: "alice").records()
        #expect(Set(found.map { $0.string("id") ?? "" }) == ["msg-1", "msg-2"])
        #expect(found.first?.string("id") == "msg-2", "more occurrences rank first")
        #expect(found.first?.string("snippet")?.contains("[Réunion]") == true, "\(found)")
        #expect(try s.msgIds(["search", "réunion"], as: "gus") == ["msg-4"])
        #expect(try s.msgIds(["search", "reunion", "--author", "alice"], as: "root") == ["msg-1"])
        #expect(try s.msgIds(["search", "reunion", "--channel", "secret"], as: "root") == ["msg-3"])
        #expect(try s.msgIds(["search", "reunion", "--limit", "1"], as: "root").count == 1)
        #expect(try s.msgIds(["search", "reunion", "--since", "tomorrow"], as: "root").isEmpty)
        try s.msgFails(77, ["search", "reunion", "--channel", "secret"], as: "alice")
        try s.msgFails(65, ["search", "?!"], as: "alice")
        #expect(try s.msgIds(["search", "conseil municipal"], as: "alice") == ["msg-1"])
        #expect(try s.msgIds(["search", "AND OR \"NEAR"], as: "alice").isEmpty, "operators are words")
    }
}
