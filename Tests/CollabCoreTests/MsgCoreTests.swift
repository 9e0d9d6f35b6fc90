import CollabCore
import Testing
import _CollabTestSupport

/// The messaging domain through its core calls: mentions, the search index kept in step
/// with posts, edits and deletes, read cursors, direct conversations.
@Suite struct MsgCoreTests {
    let alice = Actor(id: "alice", role: .member, groups: ["rh"])
    let bob = Actor(id: "bob", role: .member)
    let gus = Actor(id: "gus", role: .guest)

    /// A store with alice (group rh), bob, gus (guest) and a public channel `general`.
    private func store() throws -> TestStore {
        let ts = try TestStore()
        try ts.write { tx in
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "alice", groups: ["rh"]))
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "bob"))
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "gus", role: .guest))
            _ = try Messaging.addChannel(tx, ts.admin, ChannelSpec(id: "general"))
        }
        return ts
    }

    private func search(_ ts: TestStore, _ actor: Actor, _ q: String) throws -> [String] {
        try ts.read { sql in
            var ids: [String] = []
            try Messaging.search(sql, actor, query: q) { m, _ in ids.append(m.id) }
            return ids
        }
    }

    @Test(arguments: [
        ("hi @alice and @rh", ["alice", "rh"]),
        ("@bob, @bob again", ["bob"]),
        ("mail alice@example.org", []),
        ("end of sentence @alice.", ["alice"]),
        ("(@jean.dupont)", ["jean.dupont"]),
        ("@Alice is not a slug", []),
        ("@", []),
    ])
    func mentionCandidates(_ text: String, _ expected: [String]) {
        #expect(Mentions.candidates(text) == expected)
    }

    @Test func onlyExistingUsersAndGroupsAreMentions() throws {
        let ts = try store()
        let names = try ts.read { try Mentions.parse($0, "@alice @rh @nobody @bob") }
        #expect(names == ["alice", "rh", "bob"])
    }

    @Test func theIndexFollowsPostsEditsAndDeletes() throws {
        let ts = try store()
        let m = try ts.write(as: "alice") { tx in try Messaging.post(tx, alice, channel: "general", body: "La réunion de mardi") }
        #expect(try search(ts, bob, "reunions") == [m.id])
        _ = try ts.write(as: "alice") { tx in try Messaging.edit(tx, alice, m.id, body: "Le comité de jeudi") }
        #expect(try search(ts, bob, "réunion").isEmpty)
        #expect(try search(ts, bob, "comite") == [m.id])
        _ = try ts.write(as: "alice") { tx in try Messaging.delete(tx, alice, m.id) }
        #expect(try search(ts, bob, "comite").isEmpty)
        let integrity = try ts.read { sql in
            try sql.string(
                sql.dialect == .sqlite
                    ? "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'comite'"
                    : "SELECT count(*) FROM messages_fts WHERE tsv @@ to_tsquery('collab_fr', 'comite')")
        }
        #expect(integrity == "0")
    }

    @Test func aGuestFindsNothingOutsideTheirChannels() throws {
        let ts = try store()
        _ = try ts.write(as: "alice") { tx in try Messaging.post(tx, alice, channel: "general", body: "budget annuel") }
        #expect(try search(ts, gus, "budget").isEmpty)
        _ = try ts.write { tx in try Messaging.invite(tx, ts.admin, "general", ["gus"]) }
        #expect(try search(ts, gus, "budget").count == 1)
    }

    @Test func aReplyToAReplyJoinsTheRootThread() throws {
        let ts = try store()
        let root = try ts.write(as: "alice") { tx in try Messaging.post(tx, alice, channel: "general", body: "root") }
        let r1 = try ts.write(as: "bob") { tx in try Messaging.reply(tx, bob, to: root.id, body: "one") }
        let r2 = try ts.write(as: "alice") { tx in try Messaging.reply(tx, alice, to: r1.id, body: "two") }
        #expect(r1.thread == root.num)
        #expect(r2.thread == root.num)
    }

    @Test func cursorsOfTwoUsersAreIndependent() throws {
        let ts = try store()
        _ = try ts.write { tx in try Messaging.post(tx, ts.admin, channel: "general", body: "one") }
        let two = try ts.write { tx in try Messaging.post(tx, ts.admin, channel: "general", body: "two") }
        try ts.write(as: "alice") { tx in _ = try Messaging.moveCursor(tx, "alice", channel: "general", to: two.num) }
        #expect(try ts.read { try Messaging.cursor($0, "alice", "general") } == two.num)
        #expect(try ts.read { try Messaging.cursor($0, "bob", "general") } == 0)
        let moved = try ts.write(as: "alice") { tx in try Messaging.moveCursor(tx, "alice", channel: "general", to: 1) }
        #expect(!moved, "a cursor never moves back")
    }

    @Test func aDirectConversationIsFoundAgainWhateverTheOrder() throws {
        let ts = try store()
        let (c, created) = try ts.write(as: "alice") { tx in try Messaging.dm(tx, alice, ["bob"]) }
        #expect(created == .created)
        #expect(c.visibility == .direct)
        #expect(c.members == ["alice", "bob"])
        let (again, outcome) = try ts.write(as: "bob") { tx in try Messaging.dm(tx, bob, ["alice"]) }
        #expect(again.id == c.id)
        #expect(outcome == .unchanged)
        let (group, _) = try ts.write(as: "bob") { tx in try Messaging.dm(tx, bob, ["alice", "root"]) }
        #expect(group.id != c.id)
        #expect(group.members == ["alice", "bob", "root"])
        #expect(try ts.read { try Messaging.level($0, gus, c) } == nil)
    }

    @Test func aTemplateRendersARecord() throws {
        let t = try RecordTemplate("{{id}}: {{title}}\\n")
        #expect(t.render(JSONObject([("id", .string("task-1")), ("title", .string("Rapport"))])) == "task-1: Rapport")
        #expect(throws: CollabError.self) { try RecordTemplate("{{#open}}") }
    }

    @Test func retriesBackOffUpToAnHour() {
        #expect([1, 2, 3, 4, 7, 8, 20].map { Messaging.backoff(afterAttempts: $0) } == [30, 60, 120, 240, 1920, 3600, 3600])
    }

    @Test func aPostQueuesOneDeliveryPerHookAndAttemptsSettleIt() throws {
        let ts = try store()
        _ = try ts.write { tx in try Messaging.addHook(tx, ts.admin, channel: "general", url: "http://127.0.0.1:9/a", format: .json) }
        _ = try ts.write { tx in try Messaging.addHook(tx, ts.admin, channel: "general", url: "http://127.0.0.1:9/b", format: .slack) }
        let m = try ts.write(as: "alice") { tx in try Messaging.post(tx, alice, channel: "general", body: "crue") }
        let due = try ts.read { try Messaging.dueDeliveries($0, now: "2026-11-23T12:00:00Z") }
        #expect(due.map(\.msg) == [m.num, m.num])
        let failed = try ts.write { tx in try Messaging.recordAttempt(tx, due[0], status: 503, error: "HTTP 503", maxAttempts: 2) }
        #expect(failed.state == .pending)
        #expect(failed.nextAttempt == "2026-11-23T12:00:30Z")
        let gaveUp = try ts.write { tx in try Messaging.recordAttempt(tx, failed, status: nil, error: "down", maxAttempts: 2) }
        #expect(gaveUp.state == .failed)
        #expect(gaveUp.lastStatus == 503, "the last status seen is kept")
        let ok = try ts.write { tx in try Messaging.recordAttempt(tx, due[1], status: 204, error: nil, maxAttempts: 2) }
        #expect(ok.state == .delivered)
        #expect(try ts.read { try Messaging.dueDeliveries($0, now: "2027-01-01T00:00:00Z") }.isEmpty)
        let (hook, _) = try #require(try ts.read { try Messaging.target($0, due[1]) })
        #expect(String(decoding: hook.payload(m), as: UTF8.self) == #"{"text":"alice: crue"}"#)
    }
}
