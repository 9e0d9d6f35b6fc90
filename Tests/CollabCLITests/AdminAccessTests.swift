import Testing
import _CollabTestSupport

/// Identity and access (SPEC §7): the acting user must exist and be active, only admins
/// administer, refusals exit 77 and are recorded in the audit chain, guests see only
/// themselves and their groups, and the last admin stays.
@Suite struct AdminAccessTests {
    @Test func aDisabledUserCannotAct() throws {
        let s = try Sandbox()
        try s.addUsers("boss", extra: ["--role", "admin"])
        try s.ok("user", "disable", "boss")
        let r = try s.fails(77, "user", "list", env: ["COLLAB_USER": "boss"])
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("disabled"), "\(r)")
        try s.fails(77, "user", "add", "eve", env: ["COLLAB_USER": "boss"])
        try s.fails(1, "user", "show", "eve")
    }

    @Test func anUnknownActingUserCannotAct() throws {
        let s = try Sandbox()
        let r = try s.fails(77, "user", "list", env: ["COLLAB_USER": "nobody"])
        #expect(r.stderr.contains("unknown user 'nobody'"), "\(r)")
        let opt = try s.fails(77, "user", "list", "--as", "ghost")
        #expect(opt.stderr.contains("ghost"), "\(opt)")
    }

    @Test func anUnknownUsersRefusalIsRecorded() throws {
        let s = try Sandbox()
        try s.fails(77, "user", "add", "eve", env: ["COLLAB_USER": "mallory"])
        let refusals = try s.changes("--type", "refusal")
        #expect(refusals.map { $0.string("actor") } == ["mallory"])
        #expect(try s.verify().status == 0)
    }

    @Test func theAsOptionOverridesTheEnvironment() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        try s.fails(77, "user", "add", "eve", "--as", "bob")
        try s.ok("user", "add", "eve", "--as", "root", env: ["COLLAB_USER": "bob"])
    }

    @Test func aMemberCannotAddUsersAndTheRefusalIsRecorded() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        let r = try s.fails(77, "user", "add", "eve", "--name", "Eve", env: ["COLLAB_USER": "bob"])
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bob may not add users"), "\(r)")
        try s.fails(1, "user", "show", "eve")
        let refusals = try s.changes("--type", "refusal")
        try #require(refusals.count == 1)
        let c = refusals[0]
        #expect(c.string("actor") == "bob")
        #expect(c.string("op") == "create")
        #expect(c.string("record_type") == "refusal")
        let record = try #require(c.object("record"))
        #expect(record.string("type") == "refusal")
        #expect(record.string("command") == "user add")
        #expect(record.string("program") == "collab-admin")
        #expect(record.string("reason")?.contains("only an admin") == true)
        // The refusal is part of the chain, which still verifies.
        let v = try s.verify()
        #expect(v.status == 0)
        #expect(v.record.bool("ok") == true)
    }

    @Test(arguments: [
        ["user", "update", "root", "--name", "X"], ["user", "disable", "root"], ["group", "add", "rh"],
        ["user", "import", "-"], ["audit", "list"], ["audit", "verify"], ["feed"],
    ])
    func membersAreRefusedAdminVerbs(_ arguments: [String]) throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        let seq = try s.lastSeq()
        let r = try s.run("collab-admin", arguments, stdin: "{\"id\":\"eve\"}\n", env: ["COLLAB_USER": "bob"])
        #expect(r.status == 77, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        let changes = try s.changes("--since", String(seq))
        #expect(changes.map { $0.string("record_type") } == ["refusal"], "the refusal and nothing else is recorded")
    }

    @Test func theLastAdminCannotBeDisabledOrDemoted() throws {
        let s = try Sandbox()
        let r = try s.fails(73, "user", "disable", "root")
        #expect(r.stderr.contains("last active admin"), "\(r)")
        try s.fails(73, "user", "update", "root", "--role", "member")
        #expect(try s.user("root").string("status") == "active")
        #expect(try s.user("root").string("role") == "admin")
        // With another admin, it can.
        try s.addUsers("boss", extra: ["--role", "admin"])
        try s.ok("user", "disable", "root")
        try s.fails(77, "user", "list", env: ["COLLAB_USER": "root"])
        #expect(try s.ok("user", "show", "root", env: ["COLLAB_USER": "boss"]).record().string("status") == "disabled")
    }

    @Test func guestsSeeOnlyThemselvesAndTheirGroups() throws {
        let s = try Sandbox()
        try s.addUsers("gina", extra: ["--role", "guest", "--group", "partenaires"])
        try s.addUsers("paul", extra: ["--group", "partenaires", "--group", "urbanisme"])
        try s.addUsers("zoe", extra: ["--group", "urbanisme"])
        try s.addUsers("xavier")
        let asGina = ["COLLAB_USER": "gina"]
        #expect(try s.ok("user", "list", "-q", env: asGina).lines == ["gina", "paul"])
        #expect(try s.ok("user", "show", "paul", env: asGina).record().string("id") == "paul")
        for other in ["zoe", "xavier", "root"] {
            let r = try s.fails(1, "user", "show", other, env: asGina)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("'\(other)' not found"), "\(r)")
        }
        #expect(try s.ok("group", "list", "-q", env: asGina).lines == ["partenaires"])
        try s.fails(1, "group", "show", "urbanisme", env: asGina)
        // A member sees everyone.
        #expect(try s.ok("user", "list", "-q", env: ["COLLAB_USER": "zoe"]).lines == ["gina", "paul", "root", "xavier", "zoe"])
    }
}
