import CollabCore
import Testing
import _CollabTestSupport

@Suite struct AccessTests {
    /// A store with users alice (member, group rh), bob (member), gus (guest, group rh),
    /// and a group ops.
    private func store() throws -> TestStore {
        let ts = try TestStore()
        try ts.write { tx in
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "alice", groups: ["rh"]))
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "bob"))
            _ = try Directory.addUser(tx, ts.admin, UserSpec(id: "gus", role: .guest, groups: ["rh"]))
            _ = try Directory.addGroup(tx, ts.admin, id: "ops", name: "Ops")
        }
        return ts
    }

    let alice = Actor(id: "alice", role: .member, groups: ["rh"])
    let bob = Actor(id: "bob", role: .member)
    let gus = Actor(id: "gus", role: .guest, groups: ["rh"])
    let pub = Space(type: "channel", id: "general", visibility: .public)
    let priv = Space(type: "channel", id: "secret", visibility: .private, owner: "bob")

    private func level(_ ts: TestStore, _ a: Actor, _ s: Space, publicLevel: AccessLevel = .read) throws -> AccessLevel? {
        try ts.read { try Access.level(a, in: s, publicLevel: publicLevel, $0) }
    }

    private func grant(_ ts: TestStore, _ s: Space, _ e: AccessEntry) throws -> Bool {
        try ts.write { tx in try Access.grant(tx, s, e) }
    }

    @Test func adminManagesEverything() throws {
        let ts = try store()
        #expect(try level(ts, ts.admin, priv) == .manage)
        #expect(try level(ts, Actor(id: "other-admin", role: .admin), Space(type: "folder", id: "x", visibility: .direct)) == .manage)
    }

    @Test func ownerManages() throws {
        let ts = try store()
        #expect(try level(ts, bob, priv) == .manage)
        #expect(try level(ts, alice, priv) == nil)
    }

    @Test func publicGivesItsLevelToMembersNotGuests() throws {
        let ts = try store()
        #expect(try level(ts, alice, pub) == .read)
        #expect(try level(ts, alice, pub, publicLevel: .write) == .write)
        #expect(try level(ts, gus, pub) == nil)
        #expect(try level(ts, gus, pub, publicLevel: .write) == nil)
    }

    @Test func aclUserAndGroupEntries() throws {
        let ts = try store()
        #expect(try grant(ts, priv, AccessEntry(.user("alice"), .write)))
        #expect(try level(ts, alice, priv) == .write)
        #expect(try level(ts, gus, priv) == nil)
        #expect(try grant(ts, priv, AccessEntry(.group("rh"), .read)))
        // A group entry applies through actor.groups.
        #expect(try level(ts, gus, priv) == .read)
        #expect(try level(ts, Actor(id: "gus", role: .guest), priv) == nil)
        // A guest listed on a public space gets the entry's level.
        #expect(try grant(ts, pub, AccessEntry(.user("gus"), .write)))
        #expect(try level(ts, gus, pub) == .write)
    }

    @Test func theBestOfSeveralLevelsWins() throws {
        let ts = try store()
        try ts.write { tx in
            try Access.grant(tx, pub, AccessEntry(.group("rh"), .manage))
            try Access.grant(tx, pub, AccessEntry(.user("alice"), .read))
            try Access.grant(tx, priv, AccessEntry(.group("rh"), .read))
            try Access.grant(tx, priv, AccessEntry(.user("alice"), .write))
        }
        #expect(try level(ts, alice, pub, publicLevel: .write) == .manage)
        #expect(try level(ts, alice, priv) == .write)
        let onlyRead = Space(type: "channel", id: "ro", visibility: .public)
        try ts.write { tx in try Access.grant(tx, onlyRead, AccessEntry(.user("alice"), .read)) }
        // The public level is higher than the entry.
        #expect(try level(ts, alice, onlyRead, publicLevel: .write) == .write)
    }

    @Test func entriesOfOtherSpacesDoNotApply() throws {
        let ts = try store()
        _ = try grant(ts, Space(type: "project", id: "secret", visibility: .private), AccessEntry(.user("alice"), .manage))
        #expect(try level(ts, alice, priv) == nil)
    }

    @Test func requireThrowsDenied() throws {
        let ts = try store()
        _ = try grant(ts, priv, AccessEntry(.user("alice"), .read))
        try ts.read { try Access.require(alice, .read, in: priv, to: "read it", $0) }
        let e = #expect(throws: CollabError.self) { try ts.read { try Access.require(alice, .write, in: priv, to: "post", $0) } }
        #expect(e?.kind == .denied)
        #expect(e?.exitCode == 77)
        #expect(e?.message == "alice may not post: write access to channel 'secret' is needed")
        let e2 = #expect(throws: CollabError.self) { try ts.read { try Access.require(gus, .read, in: pub, to: "read", $0) } }
        #expect(e2?.kind == .denied)
        let e3 = #expect(throws: CollabError.self) { try Access.requireAdmin(alice, "add users") }
        #expect(e3?.message == "alice may not add users: only an admin may")
        try Access.requireAdmin(ts.admin, "add users")
    }

    @Test func grantAndRevokeReturnWhetherAnythingChanged() throws {
        let ts = try store()
        #expect(try grant(ts, priv, AccessEntry(.user("alice"), .read)) == true)
        #expect(try grant(ts, priv, AccessEntry(.user("alice"), .read)) == false)
        #expect(try grant(ts, priv, AccessEntry(.user("alice"), .manage)) == true)
        #expect(try ts.read { try Access.entries($0, priv) } == [AccessEntry(.user("alice"), .manage)])
        #expect(try grant(ts, priv, AccessEntry(.group("ops"), .write)) == true)
        #expect(try ts.read { try Access.entries($0, priv) } == [AccessEntry(.user("alice"), .manage), AccessEntry(.group("ops"), .write)])
        #expect(try ts.write { tx in try Access.revoke(tx, priv, .user("alice")) } == true)
        #expect(try ts.write { tx in try Access.revoke(tx, priv, .user("alice")) } == false)
        #expect(try ts.write { tx in try Access.revoke(tx, priv, .group("ops")) } == true)
        #expect(try ts.read { try Access.entries($0, priv) } == [])
    }

    @Test func grantToAnUnknownPrincipalIsNotFound() throws {
        let ts = try store()
        let e1 = #expect(throws: CollabError.self) { try grant(ts, priv, AccessEntry(.user("ghost"), .read)) }
        #expect(e1?.kind == .notFound)
        #expect(e1?.message == "user 'ghost' not found")
        let e2 = #expect(throws: CollabError.self) { try grant(ts, priv, AccessEntry(.group("ghosts"), .read)) }
        #expect(e2?.message == "group 'ghosts' not found")
        let e3 = #expect(throws: CollabError.self) { try ts.write { tx in try Access.revoke(tx, priv, .user("ghost")) } }
        #expect(e3?.kind == .notFound)
    }

    @Test(arguments: [
        ("alice", AccessEntry(.user("alice"), .read)),
        ("alice:write", AccessEntry(.user("alice"), .write)),
        ("user:alice:manage", AccessEntry(.user("alice"), .manage)),
        ("group:rh", AccessEntry(.group("rh"), .read)),
        ("group:rh:manage", AccessEntry(.group("rh"), .manage)),
        ("user:bob", AccessEntry(.user("bob"), .read)),
    ])
    func parsesEntries(_ text: String, _ entry: AccessEntry) throws {
        #expect(try AccessEntry.parse(text) == entry)
    }

    @Test(arguments: ["", "group:", "alice:admin", "alice:write:x", "group:rh:read:x", "Alice", "group:RH", "alice:", ":read", "user:"])
    func refusesBadEntries(_ text: String) {
        let e = #expect(throws: CollabError.self) { try AccessEntry.parse(text) }
        #expect(e?.kind == .badInput)
        #expect(e?.field == "share")
    }

    @Test func entryJSON() {
        #expect(JSONWriter.compact(AccessEntry(.user("a"), .write).json) == #"{"user":"a","level":"write"}"#)
        #expect(JSONWriter.compact(AccessEntry(.group("g"), .read).json) == #"{"group":"g","level":"read"}"#)
    }

    @Test func levelsAreOrdered() {
        #expect(AccessLevel.read < .write)
        #expect(AccessLevel.write < .manage)
        #expect([AccessLevel.manage, .read, .write].max() == .manage)
    }

    @Test func readableConditionInAQuery() throws {
        let ts = try store()
        try ts.write { tx in
            try tx.sql.execute("CREATE TABLE spaces_t (id TEXT, visibility TEXT, owner TEXT)")
            for (id, vis, owner) in [
                ("pub1", "public", "root"), ("priv-bob", "private", "bob"), ("priv-acl-alice", "private", "root"),
                ("priv-acl-rh", "private", "root"), ("priv-none", "private", "root"), ("dm-gus", "direct", "gus"),
                ("priv-other-type", "private", "root"),
            ] as [(String, String, String)] {
                try tx.sql.execute("INSERT INTO spaces_t (id, visibility, owner) VALUES (?, ?, ?)", [.text(id), .text(vis), .text(owner)])
            }
            try Access.grant(tx, Space(type: "channel", id: "priv-acl-alice", visibility: .private), AccessEntry(.user("alice"), .read))
            try Access.grant(tx, Space(type: "channel", id: "priv-acl-rh", visibility: .private), AccessEntry(.group("rh"), .read))
            // An entry for another space type with the same id does not count.
            try Access.grant(tx, Space(type: "project", id: "priv-other-type", visibility: .private), AccessEntry(.user("bob"), .read))
        }
        func readable(_ a: Actor) throws -> [String] {
            let (cond, args) = Access.readableCondition(a, spaceType: "channel", idColumn: "spaces_t.id", visibilityColumn: "visibility", ownerColumn: "owner")
            return try ts.read { sql in try sql.all("SELECT id FROM spaces_t WHERE \(cond) ORDER BY id", args) { $0.string(0) } }
        }
        #expect(try readable(ts.admin) == ["dm-gus", "priv-acl-alice", "priv-acl-rh", "priv-bob", "priv-none", "priv-other-type", "pub1"])
        #expect(try readable(alice) == ["priv-acl-alice", "priv-acl-rh", "pub1"])
        #expect(try readable(bob) == ["priv-bob", "pub1"])
        // The guest: own space and the group entry, not the public space.
        #expect(try readable(gus) == ["dm-gus", "priv-acl-rh"])
        // readableCondition agrees with level() on every row.
        for a in [alice, bob, gus] {
            let ids = try readable(a)
            for (id, vis, owner) in [("pub1", Visibility.public, "root"), ("priv-bob", .private, "bob"), ("priv-acl-rh", .private, "root"), ("priv-none", .private, "root")] {
                let l = try level(ts, a, Space(type: "channel", id: id, visibility: vis, owner: owner))
                #expect((l != nil) == ids.contains(id), "\(a.id) \(id)")
            }
        }
    }
}
