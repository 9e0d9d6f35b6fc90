import Testing
import _CollabTestSupport

/// `collab-admin group add|list|show|add-member|remove-member`, and memberships as seen
/// from the users.
@Suite struct AdminGroupTests {
    @Test func addPrintsTheGroupWithItsMembers() throws {
        let s = try Sandbox()
        try s.addUsers("zoe", "ann")
        let r = try s.ok("group", "add", "urbanisme", "--name", "Service urbanisme", "--member", "zoe", "--member", "ann")
        let g = try r.record()
        #expect(g.string("type") == "group")
        #expect(g.string("id") == "urbanisme")
        #expect(g.string("name") == "Service urbanisme")
        #expect(g.strings("members") == ["ann", "zoe"])
        #expect(g.int("rev") == 1)
        #expect(g.string("created") == Sandbox.now)
        #expect(g.string("updated") == Sandbox.now)
        #expect(try s.group("urbanisme").strings("members") == ["ann", "zoe"])
        #expect(try s.user("zoe").strings("groups") == ["urbanisme"])
        #expect(try s.user("ann").int("rev") == 2, "the membership change bumps the user's rev")
    }

    @Test func aGroupNameDefaultsToItsId() throws {
        let s = try Sandbox()
        let g = try s.ok("group", "add", "rh").record()
        #expect(g.string("name") == "rh")
        #expect(g.strings("members") ?? [] == [])
    }

    @Test func repeatingAnAddChangesNothing() throws {
        let s = try Sandbox()
        try s.ok("group", "add", "rh", "--name", "Ressources humaines")
        let seq = try s.lastSeq()
        let r = try s.ok("group", "add", "rh", "--name", "Ressources humaines")
        #expect(try r.record().int("rev") == 1)
        try s.ok("group", "add", "rh")
        #expect(try s.lastSeq() == seq)
    }

    @Test func anotherNameIsAConflictUnlessUpdate() throws {
        let s = try Sandbox()
        try s.ok("group", "add", "rh", "--name", "Ressources humaines")
        let r = try s.fails(73, "group", "add", "rh", "--name", "RH")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--update"), "\(r)")
        #expect(try s.group("rh").string("name") == "Ressources humaines")
        let g = try s.ok("group", "add", "rh", "--name", "RH", "--update").record()
        #expect(g.string("name") == "RH")
        #expect(g.int("rev") == 2)
        #expect(try s.changes().last?.string("op") == "update")
    }

    @Test func aRepeatedKeyReturnsTheFirstGroup() throws {
        let s = try Sandbox()
        try s.ok("group", "add", "rh", "--key", "ORG-7")
        let seq = try s.lastSeq()
        #expect(try s.ok("group", "add", "drh", "--key", "ORG-7").record().string("id") == "rh")
        try s.fails(1, "group", "show", "drh")
        #expect(try s.lastSeq() == seq)
    }

    @Test(arguments: ["RH", "r h", "_rh", "rh!"])
    func aBadIdIsBadInput(_ id: String) throws {
        let s = try Sandbox()
        let r = try s.fails(65, "group", "add", id)
        #expect(r.stderr.contains("invalid id"), "\(r)")
        #expect(try s.ok("group", "list").stdout.isEmpty)
    }

    @Test func membersAreAddedAndRemoved() throws {
        let s = try Sandbox()
        try s.addUsers("ann", "bob", "carl")
        try s.ok("group", "add", "rh")
        let added = try s.ok("group", "add-member", "rh", "ann", "bob").record()
        #expect(added.strings("members") == ["ann", "bob"])
        #expect(try s.user("ann").strings("groups") == ["rh"])
        #expect(try s.ok("user", "list", "--group", "rh", "-q").lines == ["ann", "bob"])
        #expect(try s.ok("group", "list", "--member", "ann", "-q").lines == ["rh"])
        let removed = try s.ok("group", "remove-member", "rh", "ann").record()
        #expect(removed.strings("members") == ["bob"])
        #expect(try s.user("ann").strings("groups") == [])
        #expect(try s.user("ann").int("rev") == 3)
        #expect(try s.ok("group", "list", "--member", "ann", "-q").stdout.isEmpty)
    }

    @Test func addingAMemberTwiceChangesNothing() throws {
        let s = try Sandbox()
        try s.addUsers("ann")
        try s.ok("group", "add", "rh", "--member", "ann")
        let seq = try s.lastSeq()
        #expect(try s.ok("group", "add-member", "rh", "ann").record().strings("members") == ["ann"])
        #expect(try s.ok("group", "remove-member", "rh", "root").record().strings("members") == ["ann"])
        #expect(try s.user("ann").int("rev") == 2)
        #expect(try s.lastSeq() == seq)
    }

    @Test func membersComeFromStandardInput() throws {
        let s = try Sandbox()
        try s.addUsers("ann", "bob")
        try s.addUsers("gus", extra: ["--role", "guest"])
        try s.ok("group", "add", "tous")
        let list = try s.ok("user", "list", "--role", "member")
        #expect(try s.ok("group", "add-member", "tous", "-", stdin: list.stdout).record().strings("members") == ["ann", "bob"])
    }

    @Test func anUnknownMemberChangesNothing() throws {
        let s = try Sandbox()
        try s.addUsers("ann")
        try s.ok("group", "add", "rh")
        let seq = try s.lastSeq()
        let r = try s.fails(1, "group", "add-member", "rh", "ann", "ghost")
        #expect(r.stderr.contains("user 'ghost' not found"), "\(r)")
        #expect(try s.group("rh").strings("members") ?? [] == [])
        #expect(try s.user("ann").strings("groups") == [])
        #expect(try s.lastSeq() == seq)
        // A new group with an unknown member is not created either.
        try s.fails(1, "group", "add", "dev", "--member", "ann", "--member", "ghost")
        try s.fails(1, "group", "show", "dev")
        #expect(try s.lastSeq() == seq)
    }

    @Test func anUnknownGroupIsNotFound() throws {
        let s = try Sandbox()
        try s.addUsers("ann")
        let r = try s.fails(1, "group", "add-member", "nosuch", "ann")
        #expect(r.stderr.contains("group 'nosuch' not found"), "\(r)")
        try s.fails(1, "group", "show", "nosuch")
        #expect(try s.user("ann").strings("groups") == [])
    }

    @Test func showOfSeveralGroups() throws {
        let s = try Sandbox()
        try s.ok("group", "add", "rh")
        try s.ok("group", "add", "dev")
        #expect(try s.ok("group", "show", "rh", "dev").ids() == ["rh", "dev"])
        let r = try s.fails(1, "group", "show", "rh", "ghost")
        #expect(try r.ids() == ["rh"])
    }

    @Test func listIsInIdOrder() throws {
        let s = try Sandbox()
        for g in ["urbanisme", "accueil", "rh"] { try s.ok("group", "add", g) }
        #expect(try s.ok("group", "list", "-q").lines == ["accueil", "rh", "urbanisme"])
        #expect(try s.ok("group", "list", "-q", "--limit", "1").lines == ["accueil"])
    }

    @Test func addingAUserToAMissingGroupCreatesIt() throws {
        let s = try Sandbox()
        try s.addUsers("ann", extra: ["--group", "etat-civil"])
        let g = try s.group("etat-civil")
        #expect(g.string("name") == "etat-civil")
        #expect(g.strings("members") == ["ann"])
        let types = try s.changes().map { $0.string("record_type") ?? "" }
        #expect(types == ["user", "group", "user"])
    }

    @Test func membersCannotManageGroups() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        try s.ok("group", "add", "rh")
        let asBob = ["COLLAB_USER": "bob"]
        try s.fails(77, "group", "add", "dev", env: asBob)
        try s.fails(77, "group", "add-member", "rh", "bob", env: asBob)
        try s.fails(77, "group", "remove-member", "rh", "bob", env: asBob)
        #expect(try s.group("rh").strings("members") ?? [] == [])
        // Reading is fine.
        #expect(try s.ok("group", "list", "-q", env: asBob).lines == ["rh"])
    }
}
