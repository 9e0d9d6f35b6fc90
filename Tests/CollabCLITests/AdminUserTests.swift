import Testing
import _CollabTestSupport

/// `collab-admin user add|list|show|update|disable|enable`: fields, idempotency (SPEC §3),
/// conflicts, `--if-rev`, ids from standard input (SPEC §4), `--dry-run`.
@Suite struct AdminUserTests {
    static let later = "2026-11-24T08:00:00Z"

    @Test func addPrintsEveryField() throws {
        let s = try Sandbox()
        let r = try s.ok(
            "user", "add", "jdupont", "--name", "Jeanne Dupont", "--email", "jeanne.dupont@mairie.example",
            "--role", "guest", "--manager", "root", "--group", "urbanisme", "--group", "accueil")
        let u = try r.record()
        #expect(u.string("type") == "user")
        #expect(u.string("id") == "jdupont")
        #expect(u.string("name") == "Jeanne Dupont")
        #expect(u.string("email") == "jeanne.dupont@mairie.example")
        #expect(u.string("role") == "guest")
        #expect(u.strings("groups") == ["accueil", "urbanisme"])
        #expect(u.string("status") == "active")
        #expect(u.string("manager") == "root")
        #expect(u.int("rev") == 1)
        #expect(u.string("created") == Sandbox.now)
        #expect(u.string("updated") == Sandbox.now)
        #expect(u.keySet == ["type", "id", "name", "email", "role", "groups", "status", "manager", "rev", "created", "updated"])
        #expect(r.stderr.isEmpty)
        // `show` prints the same record.
        #expect(try s.ok("user", "show", "jdupont").lines == r.lines)
    }

    @Test func addDefaultsAndOmitsAbsentFields() throws {
        let s = try Sandbox()
        let u = try s.ok("user", "add", "bob").record()
        #expect(u.string("name") == "bob")
        #expect(u.string("role") == "member")
        #expect(u.string("status") == "active")
        #expect(u["email"] == nil)
        #expect(u["manager"] == nil)
        #expect(!u.values.contains { $0 is TestJSON.Null }, "absent optional fields are omitted, not null")
    }

    @Test func addWritesOneChange() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob")
        let changes = try s.changes("--since", "1")
        try #require(changes.count == 1)
        #expect(changes[0].string("op") == "create")
        #expect(changes[0].string("record_type") == "user")
        #expect(changes[0].string("record_id") == "bob")
        #expect(changes[0].object("record")?.string("name") == "Bob")
    }

    @Test func repeatingAnAddWithTheSameAttributesChangesNothing() throws {
        let s = try Sandbox()
        let args = ["user", "add", "bob", "--name", "Bob", "--email", "bob@x.example", "--group", "rh"]
        let first = try s.run("collab-admin", args)
        try #require(first.status == 0, "\(first)")
        let seq = try s.lastSeq()
        let second = try s.run("collab-admin", args)
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout == first.stdout)
        #expect(try second.record().int("rev") == 1)
        #expect(try s.lastSeq() == seq)
        // A repeat that gives fewer attributes is also the same record.
        let bare = try s.ok("user", "add", "bob")
        #expect(try bare.record().string("name") == "Bob")
        #expect(try s.lastSeq() == seq)
    }

    @Test func addingWithOtherAttributesIsAConflict() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob")
        let seq = try s.lastSeq()
        let r = try s.fails(73, "user", "add", "bob", "--name", "Robert")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("'bob'"), "\(r)")
        #expect(r.stderr.contains("name"), "\(r)")
        #expect(r.stderr.contains("--update"), "\(r)")
        #expect(try s.user("bob").string("name") == "Bob")
        #expect(try s.lastSeq() == seq)
    }

    @Test func updateFlagChangesAnExistingUser() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob", "--group", "rh")
        let u = try s.ok(
            "user", "add", "bob", "--name", "Robert", "--email", "robert@x.example", "--group", "dev", "--update",
            env: ["COLLAB_NOW": Self.later]
        ).record()
        #expect(u.string("name") == "Robert")
        #expect(u.string("email") == "robert@x.example")
        #expect(u.strings("groups") == ["dev"])
        #expect(u.int("rev") == 2)
        #expect(u.string("created") == Sandbox.now)
        #expect(u.string("updated") == Self.later)
        let last = try #require(try s.changes().last)
        #expect(last.string("op") == "update")
        #expect(last.string("record_id") == "bob")
        #expect(last.string("ts") == Self.later)
    }

    @Test func aRepeatedKeyReturnsTheFirstRecord() throws {
        let s = try Sandbox()
        let first = try s.ok("user", "add", "bob", "--name", "Bob", "--key", "HR-0042").record()
        let seq = try s.lastSeq()
        let again = try s.ok("user", "add", "robert", "--name", "Robert", "--key", "HR-0042")
        let u = try again.record()
        #expect(u.string("id") == "bob")
        #expect(u.string("name") == "Bob")
        #expect(u.int("rev") == first.int("rev"))
        #expect(try s.lastSeq() == seq)
        try s.fails(1, "user", "show", "robert")
        // Keys are unique per type: a group may use the same key.
        #expect(try s.ok("group", "add", "rh", "--key", "HR-0042").record().string("id") == "rh")
    }

    @Test(arguments: ["Bob", "-bob", "bob smith", "bób", "", String(repeating: "a", count: 65), "bob/x"])
    func aBadIdIsBadInput(_ id: String) throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "add", "--name", "X", "--", id)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("invalid id"), "\(r)")
        #expect(try s.userIds() == ["root"])
    }

    @Test func aSixtyFourCharacterIdIsFine() throws {
        let s = try Sandbox()
        let id = "a" + String(repeating: "b.c_d-9", count: 9)
        try #require(id.count == 64)
        #expect(try s.ok("user", "add", id).record().string("id") == id)
    }

    @Test(arguments: ["nope", "a@b", "@x.example", "a b@x.example", "a@.example", "a@x.example."])
    func aBadEmailIsBadInput(_ email: String) throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "add", "bob", "--email", email)
        #expect(r.stderr.contains("invalid email '\(email)'"), "\(r)")
        try s.fails(1, "user", "show", "bob")
    }

    @Test func aBadFieldIsNamedInTheErrorRecord() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "add", "bob", "--email", "bob-at-x", env: ["COLLAB_ERRORS": "json"])
        let e = try #require(try r.errorRecords().first)
        #expect(e.string("field") == "email")
        #expect(e.string("code") == "bad_input")
        #expect(e.string("message")?.contains("bob-at-x") == true)
        #expect(e["input_line"] == nil)
    }

    @Test func anUnknownManagerIsBadInput() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "add", "bob", "--manager", "ghost")
        #expect(r.stderr.contains("manager 'ghost'"), "\(r)")
        try s.fails(1, "user", "show", "bob")
        let u = try s.fails(65, "user", "update", "root", "--manager", "ghost")
        #expect(u.stderr.contains("ghost"), "\(u)")
    }

    @Test func aUserCannotBeTheirOwnManager() throws {
        let s = try Sandbox()
        try s.fails(65, "user", "add", "bob", "--manager", "bob")
        try s.addUsers("carl")
        try s.fails(65, "user", "update", "carl", "--manager", "carl")
        #expect(try s.user("carl")["manager"] == nil)
    }

    @Test func updateChangesEachField() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob", "--email", "bob@x.example", "--group", "rh", "--group", "dev")
        let u = try s.ok(
            "user", "update", "bob", "--name", "Robert", "--email", "", "--role", "admin", "--manager", "root",
            "--add-group", "direction", "--remove-group", "dev", env: ["COLLAB_NOW": Self.later]
        ).record()
        #expect(u.string("name") == "Robert")
        #expect(u["email"] == nil)
        #expect(u.string("role") == "admin")
        #expect(u.string("manager") == "root")
        #expect(u.strings("groups") == ["direction", "rh"])
        #expect(u.int("rev") == 2)
        #expect(u.string("created") == Sandbox.now)
        #expect(u.string("updated") == Self.later)
        #expect(try s.user("bob").string("name") == "Robert")
        let cleared = try s.ok("user", "update", "bob", "--manager", "").record()
        #expect(cleared["manager"] == nil)
        #expect(cleared.int("rev") == 3)
    }

    @Test func anUpdateThatChangesNothingKeepsTheRev() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob")
        let seq = try s.lastSeq()
        let u = try s.ok("user", "update", "bob", "--name", "Bob").record()
        #expect(u.int("rev") == 1)
        #expect(try s.lastSeq() == seq)
    }

    @Test func updateWithAStaleRevIsAConflict() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob")
        try s.ok("user", "update", "bob", "--name", "Robert", "--if-rev", "1")
        let r = try s.fails(73, "user", "update", "bob", "--name", "Bobby", "--if-rev", "1")
        #expect(r.stderr.contains("rev 2"), "\(r)")
        #expect(try s.user("bob").string("name") == "Robert")
        #expect(try s.ok("user", "update", "bob", "--name", "Bobby", "--if-rev", "2").record().int("rev") == 3)
    }

    @Test func updateOfSeveralUsersIsAllOrNothing() throws {
        let s = try Sandbox()
        try s.addUsers("ann", "bob")
        let seq = try s.lastSeq()
        let r = try s.fails(1, "user", "update", "ann", "ghost", "bob", "--add-group", "rh")
        #expect(r.stderr.contains("ghost"), "\(r)")
        #expect(try s.user("ann").strings("groups") == [])
        #expect(try s.lastSeq() == seq)
    }

    @Test func showOfAMissingUserIsNotFound() throws {
        let s = try Sandbox()
        let r = try s.fails(1, "user", "show", "ghost")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("collab-admin: error: user 'ghost' not found"), "\(r)")
    }

    @Test func showOfSeveralPrintsTheFoundOnesAndFails() throws {
        let s = try Sandbox()
        try s.addUsers("ann", "bob")
        let r = try s.fails(1, "user", "show", "bob", "ghost", "ann")
        #expect(try r.ids() == ["bob", "ann"])
        #expect(r.stderr.contains("ghost"), "\(r)")
        #expect(!r.stderr.contains("'ann'"))
    }

    @Test func showReadsIdsAndRecordsFromStandardInput() throws {
        let s = try Sandbox()
        try s.addUsers("ann", "bob")
        let r = try s.ok("user", "show", "-", stdin: "bob\n\n  ann  \n{\"type\":\"user\",\"id\":\"root\"}\n")
        #expect(try r.ids() == ["bob", "ann", "root"])
    }

    @Test func aListPipesIntoDisableAndIdsIntoEnable() throws {
        let s = try Sandbox()
        try s.addUsers("ann", "bob", "carl")
        try s.addUsers("dora", extra: ["--role", "guest"])
        let members = try s.ok("user", "list", "--role", "member")
        #expect(try members.ids() == ["ann", "bob", "carl"])
        let disabled = try s.ok("user", "disable", "-", stdin: members.stdout)
        #expect(try disabled.ids() == ["ann", "bob", "carl"])
        #expect(try disabled.records().allSatisfy { $0.string("status") == "disabled" && $0.int("rev") == 2 })
        #expect(try s.ok("user", "list", "--status", "disabled", "-q").lines == ["ann", "bob", "carl"])
        #expect(try s.ok("user", "list", "--status", "active", "-q").lines == ["dora", "root"])
        let enabled = try s.ok("user", "enable", "-", stdin: "ann\nbob\n")
        #expect(try enabled.records().map { $0.string("status") } == ["active", "active"])
        #expect(try s.user("carl").string("status") == "disabled")
    }

    @Test func disablingTwiceIsANoOp() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        try s.ok("user", "disable", "bob")
        let seq = try s.lastSeq()
        let u = try s.ok("user", "disable", "bob").record()
        #expect(u.int("rev") == 2)
        #expect(try s.lastSeq() == seq)
    }

    @Test func aBadLineOnStandardInputIsBadInput() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        let r = try s.fails(65, "user", "disable", "-", stdin: "bob\n{\"id\": 12}\n")
        #expect(r.stderr.contains("id"), "\(r)")
        #expect(try s.user("bob").string("status") == "active")
    }

    @Test func listFiltersAndLimits() throws {
        let s = try Sandbox()
        try s.addUsers("ann", extra: ["--group", "rh", "--manager", "root"])
        try s.addUsers("bob", extra: ["--role", "guest", "--manager", "ann"])
        try s.addUsers("carl", extra: ["--group", "rh", "--manager", "ann"])
        try s.ok("user", "disable", "carl")
        #expect(try s.ok("user", "list", "-q").lines == ["ann", "bob", "carl", "root"])
        #expect(try s.ok("user", "list", "-q", "--role", "guest").lines == ["bob"])
        #expect(try s.ok("user", "list", "-q", "--group", "rh").lines == ["ann", "carl"])
        #expect(try s.ok("user", "list", "-q", "--manager", "ann").lines == ["bob", "carl"])
        #expect(try s.ok("user", "list", "-q", "--status", "disabled").lines == ["carl"])
        #expect(try s.ok("user", "list", "-q", "--limit", "2").lines == ["ann", "bob"])
        #expect(try s.ok("user", "list", "--group", "nosuch").stdout.isEmpty)
        try s.fails(64, "user", "list", "--limit", "-1")
        try s.fails(64, "user", "list", "--role", "boss")
    }

    @Test func dryRunPrintsTheChangeAndWritesNothing() throws {
        let s = try Sandbox()
        let seq = try s.lastSeq()
        let r = try s.ok("user", "add", "bob", "--name", "Bob", "--dry-run")
        let changes = try r.records()
        try #require(changes.count == 1)
        let c = changes[0]
        #expect(c.string("type") == "change")
        #expect(c["seq"] == nil)
        #expect(c["hash"] == nil)
        #expect(c["prev_hash"] == nil)
        #expect(c.string("op") == "create")
        #expect(c.string("record_id") == "bob")
        #expect(c.object("record")?.string("name") == "Bob")
        try s.fails(1, "user", "show", "bob")
        #expect(try s.lastSeq() == seq)
    }

    @Test func dryRunOfANoOpPrintsNothingAndOfAConflictFails() throws {
        let s = try Sandbox()
        try s.ok("user", "add", "bob", "--name", "Bob")
        let seq = try s.lastSeq()
        #expect(try s.ok("user", "add", "bob", "--name", "Bob", "--dry-run").stdout.isEmpty)
        let r = try s.fails(73, "user", "add", "bob", "--name", "Robert", "--dry-run")
        #expect(r.stdout.isEmpty)
        let update = try s.ok("user", "update", "bob", "--name", "Robert", "--dry-run").record()
        #expect(update.string("op") == "update")
        #expect(update.object("record")?.string("name") == "Robert")
        #expect(update.object("record")?.int("rev") == 2)
        #expect(try s.user("bob").string("name") == "Bob")
        #expect(try s.lastSeq() == seq)
    }
}
