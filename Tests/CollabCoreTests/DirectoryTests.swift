import CollabCore
import Testing
import _CollabTestSupport

@Suite struct DirectoryTests {
    private func add(_ ts: TestStore, _ spec: UserSpec, key: String? = nil, update: Bool = false) throws -> (User, WriteOutcome) {
        try ts.write { tx in try Directory.addUser(tx, ts.admin, spec, key: key, update: update) }
    }

    private func user(_ ts: TestStore, _ id: String) throws -> User? {
        try ts.read { try Directory.user($0, id) }
    }

    private func changeCount(_ ts: TestStore) throws -> Int64 {
        try ts.read { try AuditLog.lastSeq($0) }
    }

    @Test func addUserCreatesWithDefaults() throws {
        let ts = try TestStore()
        let (u, outcome) = try add(ts, UserSpec(id: "alice", name: "Alice", email: "alice@example.org", groups: ["rh", "urba"]))
        #expect(outcome == .created)
        #expect(JSONWriter.compact(u.record) == #"{"type":"user","id":"alice","name":"Alice","email":"alice@example.org","role":"member","groups":["rh","urba"],"status":"active","rev":1,"created":"2026-11-23T12:00:00Z","updated":"2026-11-23T12:00:00Z"}"#)
        #expect(try user(ts, "alice") == u)
        #expect(try ts.read { try Directory.group($0, "rh") }?.members == ["alice"])
        #expect(try ts.read { try Directory.group($0, "urba") }?.name == "urba")
        // root, then groups rh and urba, then the user.
        #expect(try changeCount(ts) == 4)
    }

    @Test func addUserAgainWithTheSameValuesIsUnchanged() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "alice", name: "Alice", groups: ["rh"]))
        let seq = try changeCount(ts)
        let (u, outcome) = try add(ts, UserSpec(id: "alice", name: "Alice", groups: ["rh"]))
        #expect(outcome == .unchanged)
        #expect(u.rev == 1)
        // Fields not given are not compared.
        #expect(try add(ts, UserSpec(id: "alice")).1 == .unchanged)
        #expect(try changeCount(ts) == seq)
    }

    @Test func addUserWithOtherValuesIsAConflictNamingTheFields() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "alice", name: "Alice", email: "a@x.org"))
        let e = #expect(throws: CollabError.self) { try add(ts, UserSpec(id: "alice", name: "Alice B", email: "b@x.org")) }
        #expect(e?.kind == .conflict)
        #expect(e?.message == "user 'alice' exists with other values for name, email: use --update to change it")
        #expect(try user(ts, "alice")?.name == "Alice")
    }

    @Test func addUserWithUpdateChangesTheGivenFields() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "boss"))
        _ = try add(ts, UserSpec(id: "alice", name: "Alice", email: "a@x.org", groups: ["rh"]))
        let (u, outcome) = try add(ts, UserSpec(id: "alice", email: "", role: .guest, manager: "boss", groups: ["urba"]), update: true)
        #expect(outcome == .updated)
        #expect(u.name == "Alice")
        #expect(u.email == nil)
        #expect(u.role == .guest)
        #expect(u.manager == "boss")
        #expect(u.groups == ["urba"])
        #expect(u.rev == 2)
        #expect(try user(ts, "alice") == u)
        #expect(try ts.read { try Directory.group($0, "rh") }?.members == [])
    }

    @Test func addUserWithAnUnknownManagerIsBadInput() throws {
        let ts = try TestStore()
        let e = #expect(throws: CollabError.self) { try add(ts, UserSpec(id: "alice", manager: "ghost")) }
        #expect(e?.kind == .badInput)
        #expect(e?.field == "manager")
    }

    @Test(arguments: [
        (UserSpec(id: "Alice"), "id"), (UserSpec(id: "a", name: "  "), "name"), (UserSpec(id: "a", email: "nope"), "email"),
        (UserSpec(id: "a", manager: "a"), "manager"), (UserSpec(id: "a", groups: ["R H"]), "groups"),
    ])
    func invalidSpecsAreRefused(_ spec: UserSpec, _ field: String) throws {
        let ts = try TestStore()
        let e = #expect(throws: CollabError.self) { try add(ts, spec) }
        #expect(e?.kind == .badInput)
        #expect(e?.field == field)
    }

    @Test func onlyAnAdminAddsUsers() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "m"))
        let e = #expect(throws: CollabError.self) {
            try ts.write(as: "m") { tx in try Directory.addUser(tx, Actor(id: "m", role: .member), UserSpec(id: "x")) }
        }
        #expect(e?.kind == .denied)
        #expect(try user(ts, "x") == nil)
    }

    @Test func aKnownKeyReturnsItsUserUnchanged() throws {
        let ts = try TestStore()
        let (first, o1) = try add(ts, UserSpec(id: "alice", name: "Alice"), key: "hr-1")
        #expect(o1 == .created)
        let seq = try changeCount(ts)
        // Same key, other values, even another id: the key wins and nothing changes.
        let (again, o2) = try add(ts, UserSpec(id: "alice", name: "Other"), key: "hr-1")
        #expect(o2 == .unchanged)
        #expect(again == first)
        let (third, o3) = try add(ts, UserSpec(id: "zed", name: "Zed"), key: "hr-1")
        #expect(o3 == .unchanged)
        #expect(third.id == "alice")
        #expect(try user(ts, "zed") == nil)
        #expect(try changeCount(ts) == seq)
    }

    @Test func aKeyWithUpdateChangesItsUser() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "alice", name: "Alice"), key: "hr-1")
        let (u, outcome) = try add(ts, UserSpec(id: "alice", name: "Alice Dupont"), key: "hr-1", update: true)
        #expect(outcome == .updated)
        #expect(u.name == "Alice Dupont")
        #expect(u.rev == 2)
        let e = #expect(throws: CollabError.self) { try add(ts, UserSpec(id: "bob"), key: "hr-1", update: true) }
        #expect(e?.kind == .conflict)
        #expect(e?.message == "key 'hr-1' belongs to user 'alice', not 'bob'")
    }

    @Test func aKeyIsBoundToAnExistingIdenticalUser() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "alice", name: "Alice"))
        #expect(try add(ts, UserSpec(id: "alice", name: "Alice"), key: "k").1 == .unchanged)
        #expect(try ts.read { try ExternalKeys.lookup($0, type: "user", key: "k") } == "alice")
        #expect(try add(ts, UserSpec(id: "alice", name: "Changed"), key: "k").1 == .unchanged)
    }

    @Test func theLastActiveAdminCannotBeDisabledOrDemoted() throws {
        let ts = try TestStore()
        let e1 = #expect(throws: CollabError.self) { try ts.write { tx in try Directory.setStatus(tx, ts.admin, "root", .disabled) } }
        #expect(e1?.kind == .conflict)
        #expect(e1?.message == "'root' is the last active admin: make another admin first")
        var patch = UserPatch()
        patch.role = .member
        let e2 = #expect(throws: CollabError.self) { try ts.write { tx in try Directory.updateUser(tx, ts.admin, "root", patch) } }
        #expect(e2?.kind == .conflict)
        let e3 = #expect(throws: CollabError.self) { try add(ts, UserSpec(id: "root", role: .guest), update: true) }
        #expect(e3?.kind == .conflict)
        let e4 = #expect(throws: CollabError.self) { try add(ts, UserSpec(id: "root", status: .disabled), update: true) }
        #expect(e4?.kind == .conflict)
        #expect(try user(ts, "root")?.role == .admin)
        #expect(try user(ts, "root")?.status == .active)

        // A disabled second admin does not count.
        _ = try add(ts, UserSpec(id: "admin2", role: .admin, status: .disabled))
        #expect(throws: CollabError.self) { try ts.write { tx in try Directory.setStatus(tx, ts.admin, "root", .disabled) } }

        // With another active admin it works.
        #expect(try ts.write { tx in try Directory.setStatus(tx, ts.admin, "admin2", .active) }.1 == .updated)
        let (u, outcome) = try ts.write { tx in try Directory.setStatus(tx, ts.admin, "root", .disabled) }
        #expect(outcome == .updated)
        #expect(u.status == .disabled)
        #expect(try ts.write { tx in try Directory.setStatus(tx, ts.admin, "root", .disabled) }.1 == .unchanged)
    }

    @Test func updateUserWithAStaleRevIsAConflict() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "alice", name: "Alice"))
        var patch = UserPatch()
        patch.name = "Alice D"
        let e = #expect(throws: CollabError.self) { try ts.write { tx in try Directory.updateUser(tx, ts.admin, "alice", patch, ifRev: 5) } }
        #expect(e?.kind == .conflict)
        #expect(e?.message == "user 'alice' is at rev 1, not 5: it changed since you read it")
        let (u, outcome) = try ts.write { tx in try Directory.updateUser(tx, ts.admin, "alice", patch, ifRev: 1) }
        #expect(outcome == .updated)
        #expect(u.rev == 2)
        #expect(u.name == "Alice D")
        #expect(throws: CollabError.self) { try ts.write { tx in try Directory.updateUser(tx, ts.admin, "alice", patch, ifRev: 1) } }
        // The same values again: unchanged, rev kept.
        let (same, o2) = try ts.write { tx in try Directory.updateUser(tx, ts.admin, "alice", patch, ifRev: 2) }
        #expect(o2 == .unchanged)
        #expect(same.rev == 2)
    }

    @Test func updateUserOfAnUnknownUserIsNotFound() throws {
        let ts = try TestStore()
        let e = #expect(throws: CollabError.self) { try ts.write { tx in try Directory.updateUser(tx, ts.admin, "ghost", UserPatch()) } }
        #expect(e?.kind == .notFound)
        #expect(e?.message == "user 'ghost' not found")
    }

    @Test func updateUserGroupsCreatesMissingGroups() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "alice", groups: ["a"]))
        var patch = UserPatch()
        patch.addGroups = ["new1", "new2"]
        patch.removeGroups = ["a"]
        let (u, _) = try ts.write { tx in try Directory.updateUser(tx, ts.admin, "alice", patch) }
        #expect(u.groups == ["new1", "new2"])
        #expect(try ts.read { try Directory.group($0, "new1") }?.members == ["alice"])
        #expect(try ts.read { try Directory.group($0, "a") }?.members == [])
    }

    @Test func changeMembersRecordsOneChangePerUserChanged() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "a", groups: ["g"]))
        _ = try add(ts, UserSpec(id: "b"))
        _ = try add(ts, UserSpec(id: "c"))
        let before = try changeCount(ts)
        let (g, changed) = try ts.write { tx in
            try Directory.changeMembers(tx, ts.admin, group: "g", add: ["a", "b", "c"], remove: [])
        }
        #expect(changed)
        #expect(g.members == ["a", "b", "c"])
        var recorded: [Change] = []
        try ts.read { sql in
            var f = ChangeFilter()
            f.afterSeq = before
            try AuditLog.each(sql, f) { recorded.append($0); return true }
        }
        #expect(recorded.map(\.recordId) == ["b", "c"])
        #expect(recorded.map(\.recordType) == ["user", "user"])
        #expect(recorded.map { $0.record["groups"] } == [.array([.string("g")]), .array([.string("g")])])

        let (_, again) = try ts.write { tx in try Directory.changeMembers(tx, ts.admin, group: "g", add: ["a"], remove: []) }
        #expect(!again)
        let (g2, removed) = try ts.write { tx in try Directory.changeMembers(tx, ts.admin, group: "g", add: [], remove: ["b"]) }
        #expect(removed)
        #expect(g2.members == ["a", "c"])
        #expect(try changeCount(ts) == before + 3)
        #expect(throws: CollabError.self) { try ts.write { tx in try Directory.changeMembers(tx, ts.admin, group: "nope", add: ["a"], remove: []) } }
        #expect(throws: CollabError.self) { try ts.write { tx in try Directory.changeMembers(tx, ts.admin, group: "g", add: ["ghost"], remove: []) } }
    }

    @Test func addGroupOutcomes() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "a"))
        let (g, o) = try ts.write { tx in try Directory.addGroup(tx, ts.admin, id: "rh", name: "Ressources humaines", members: ["a"]) }
        #expect(o == .created)
        #expect(g.members == ["a"])
        #expect(try ts.write { tx in try Directory.addGroup(tx, ts.admin, id: "rh", name: "Ressources humaines") }.1 == .unchanged)
        let e = #expect(throws: CollabError.self) { try ts.write { tx in try Directory.addGroup(tx, ts.admin, id: "rh", name: "RH") } }
        #expect(e?.kind == .conflict)
        let (g2, o2) = try ts.write { tx in try Directory.addGroup(tx, ts.admin, id: "rh", name: "RH", update: true) }
        #expect(o2 == .updated)
        #expect(g2.name == "RH")
        #expect(g2.rev == 2)
    }

    @Test func aGuestSeesThemselvesAndTheirGroupMates() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "guest1", role: .guest, groups: ["projet"]))
        _ = try add(ts, UserSpec(id: "alice", groups: ["projet", "rh"]))
        _ = try add(ts, UserSpec(id: "bob", groups: ["rh"]))
        _ = try add(ts, UserSpec(id: "carol"))
        _ = try add(ts, UserSpec(id: "lonely", role: .guest))
        func visible(_ actor: Actor) throws -> [String] {
            var ids: [String] = []
            try ts.read { sql in try Directory.eachUser(sql, actor, Directory.UserFilter()) { ids.append($0.id); return true } }
            return ids
        }
        #expect(try visible(Actor(id: "guest1", role: .guest, groups: ["projet"])) == ["alice", "guest1"])
        #expect(try visible(Actor(id: "lonely", role: .guest)) == ["lonely"])
        #expect(try visible(Actor(id: "bob", role: .member)) == ["alice", "bob", "carol", "guest1", "lonely", "root"])
        #expect(try ts.read { try Directory.visibleUser($0, Actor(id: "guest1", role: .guest), "alice") }.id == "alice")
        #expect(throws: CollabError.self) { try ts.read { try Directory.visibleUser($0, Actor(id: "guest1", role: .guest), "bob") } }
        var groups: [String] = []
        try ts.read { sql in try Directory.eachGroup(sql, Actor(id: "guest1", role: .guest)) { groups.append($0.id); return true } }
        #expect(groups == ["projet"])
    }

    @Test func userFilterAndLimit() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "a", role: .guest, groups: ["g"]))
        _ = try add(ts, UserSpec(id: "b", manager: "a", groups: ["g"]))
        _ = try add(ts, UserSpec(id: "c", status: .disabled))
        func ids(_ f: Directory.UserFilter) throws -> [String] {
            var out: [String] = []
            try ts.read { sql in try Directory.eachUser(sql, ts.admin, f) { out.append($0.id); return true } }
            return out
        }
        var f = Directory.UserFilter()
        f.group = "g"
        #expect(try ids(f) == ["a", "b"])
        f.limit = 1
        #expect(try ids(f) == ["a"])
        var r = Directory.UserFilter()
        r.role = .guest
        #expect(try ids(r) == ["a"])
        var s = Directory.UserFilter()
        s.status = .disabled
        #expect(try ids(s) == ["c"])
        var m = Directory.UserFilter()
        m.manager = "a"
        #expect(try ids(m) == ["b"])
    }

    @Test func actorOfADisabledOrUnknownUserIsDenied() throws {
        let ts = try TestStore()
        _ = try add(ts, UserSpec(id: "off", status: .disabled))
        _ = try add(ts, UserSpec(id: "on", groups: ["x", "y"]))
        #expect(try ts.read { try Directory.actor($0, "on") } == Actor(id: "on", role: .member, groups: ["x", "y"]))
        let e1 = #expect(throws: CollabError.self) { try ts.read { try Directory.actor($0, "off") } }
        #expect(e1?.kind == .denied)
        let e2 = #expect(throws: CollabError.self) { try ts.read { try Directory.actor($0, "ghost") } }
        #expect(e2?.kind == .denied)
    }
}

@Suite struct UserImportTests {
    private func run(
        _ ts: TestStore, _ text: String, _ format: UserImport.Format, update: Bool = false, skipInvalid: Bool = false
    ) throws -> (ImportSummary, emitted: [String], errors: [CollabError]) {
        // As the programs do: without skipInvalid, any bad line rolls the whole import back.
        struct Rejected: Error {}
        var emitted: [String] = []
        var errors: [CollabError] = []
        var summary = ImportSummary()
        do {
            try ts.write { tx in
                summary = try UserImport.run(
                    tx, ts.admin, input: try fileLineReader(text), format: format, update: update, skipInvalid: skipInvalid,
                    emit: { emitted.append($0["id"]?.stringValue ?? "?") }, report: { errors.append($0) })
                if !skipInvalid && !errors.isEmpty { throw Rejected() }
            }
        } catch is Rejected {}
        return (summary, emitted, errors)
    }

    @Test func ndjsonWithAManagerDefinedLater() throws {
        let ts = try TestStore()
        let text = """
            {"id":"alice","name":"Alice","manager":"boss","groups":["rh"]}

            {"type":"user","id":"boss","name":"Boss","role":"admin","rev":3}

            """
        let (summary, emitted, errors) = try run(ts, text, .ndjson)
        #expect(errors.isEmpty)
        #expect(summary == { var s = ImportSummary(); s.created = 2; return s }())
        #expect(emitted == ["alice", "boss"])
        #expect(try ts.read { try Directory.user($0, "alice") }?.manager == "boss")
        #expect(try ts.read { try Directory.user($0, "boss") }?.role == .admin)
    }

    @Test func csvWithAManagerDefinedLater() throws {
        let ts = try TestStore()
        let text = "id,name,email,groups,role,manager\r\nalice,\"Dupont, Alice\",alice@x.org,rh;urba,member,boss\r\nboss,Boss,,,,\r\n"
        let (summary, emitted, errors) = try run(ts, text, .csv)
        #expect(errors.isEmpty)
        #expect(summary.created == 2)
        #expect(emitted == ["alice", "boss"])
        let alice = try #require(try ts.read { try Directory.user($0, "alice") })
        #expect(alice.name == "Dupont, Alice")
        #expect(alice.email == "alice@x.org")
        #expect(alice.groups == ["rh", "urba"])
        #expect(alice.manager == "boss")
        let boss = try #require(try ts.read { try Directory.user($0, "boss") })
        #expect(boss.email == nil)
        #expect(boss.manager == nil)
        #expect(boss.role == .member)
    }

    @Test func unknownManagerIsReportedWithItsLine() throws {
        let ts = try TestStore()
        let text = "{\"id\":\"a\"}\n{\"id\":\"b\",\"manager\":\"ghost\"}\n"
        let (summary, _, errors) = try run(ts, text, .ndjson)
        #expect(summary.invalid == 1)
        #expect(errors.count == 1)
        #expect(errors.first?.inputLine == 2)
        #expect(errors.first?.field == "manager")
        #expect(errors.first?.message == "manager 'ghost' of 'b' is not a user")
    }

    @Test func unknownManagerInCSVIsReportedWithItsLine() throws {
        let ts = try TestStore()
        let (summary, _, errors) = try run(ts, "id,manager\na,\nb,ghost\n", .csv)
        #expect(summary.invalid == 1)
        #expect(errors.map(\.inputLine) == [3])
    }

    @Test func duplicateIdIsReported() throws {
        let ts = try TestStore()
        let text = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"a\",\"name\":\"Again\"}\n"
        let (summary, emitted, errors) = try run(ts, text, .ndjson)
        #expect(summary.created == 2)
        #expect(summary.invalid == 1)
        #expect(emitted == ["a", "b"])
        #expect(errors.count == 1)
        #expect(errors.first?.inputLine == 3)
        #expect(errors.first?.message == "user 'a' appears twice in the input")
    }

    @Test func badLinesAreReportedEachWithItsLine() throws {
        let ts = try TestStore()
        let text = "{\"id\":\"a\"}\n[1]\n{\"id\":\"B\"}\n{\"id\":\"c\",\"colour\":\"red\"}\n{\"name\":\"x\"}\n{\"id\":\"d\",\"role\":\"king\"}\n"
        let (summary, _, errors) = try run(ts, text, .ndjson, skipInvalid: true)
        #expect(summary.created == 1)
        #expect(summary.invalid == 5)
        #expect(errors.map(\.inputLine) == [2, 3, 4, 5, 6])
        #expect(errors.map(\.field) == [nil, "id", "colour", "id", "role"])
    }

    @Test func skipInvalidKeepsTheGoodLines() throws {
        let ts = try TestStore()
        let text = """
            {"id":"a","groups":["g1"]}
            {"id":"b","manager":"ghost","groups":["g2"]}
            {"id":"c","email":"not an email"}
            {"id":"d","manager":"a"}

            """
        let (summary, emitted, errors) = try run(ts, text, .ndjson, skipInvalid: true)
        #expect(summary.created == 2)
        #expect(summary.invalid == 2)
        #expect(emitted == ["a", "d"])
        #expect(errors.map(\.inputLine) == [2, 3])
        let ids = try ts.read { sql in try sql.all("SELECT id FROM users ORDER BY id") { $0.string(0) } }
        #expect(ids == ["a", "d", "root"])
        #expect(try ts.read { try Directory.group($0, "g2") } == nil)
        #expect(try ts.read { try AuditLog.verify($0) }.ok)
    }

    @Test func csvBadHeaderIsRefused() throws {
        let ts = try TestStore()
        let e1 = #expect(throws: CollabError.self) { try run(ts, "name,email\nA,a@x.org\n", .csv) }
        #expect(e1?.inputLine == 1)
        let e2 = #expect(throws: CollabError.self) { try run(ts, "id,colour\na,red\n", .csv) }
        #expect(e2?.field == "colour")
    }

    @Test func csvRowWithTooManyFieldsIsReported() throws {
        let ts = try TestStore()
        let (summary, _, errors) = try run(ts, "id,name\na,A\nb,B,extra\nc,C\n", .csv, skipInvalid: true)
        #expect(summary.created == 2)
        #expect(summary.invalid == 1)
        #expect(errors.map(\.inputLine) == [3])
    }

    @Test func reimportIsUnchangedAndUpdateUpdates() throws {
        let ts = try TestStore()
        _ = try run(ts, "{\"id\":\"a\",\"name\":\"A\"}\n", .ndjson)
        let (s1, _, e1) = try run(ts, "{\"id\":\"a\",\"name\":\"A\"}\n", .ndjson)
        #expect(s1.unchanged == 1)
        #expect(e1.isEmpty)
        let (s2, _, e2) = try run(ts, "{\"id\":\"a\",\"name\":\"A2\"}\n", .ndjson)
        #expect(s2.invalid == 1)
        #expect(e2.first?.kind == .conflict)
        let (s3, _, _) = try run(ts, "{\"id\":\"a\",\"name\":\"A2\"}\n", .ndjson, update: true)
        #expect(s3.updated == 1)
    }

    @Test func csvFromASpreadsheetWithBOMAndSemicolons() throws {
        let ts = try TestStore()
        let text = "\u{FEFF}ID;Name;Groups;Email\r\nalice;Dupont, Alice;rh|urba;\r\n"
        let (summary, emitted, errors) = try run(ts, text, .csv)
        #expect(errors.isEmpty)
        #expect(summary.created == 1)
        #expect(emitted == ["alice"])
        let alice = try #require(try ts.read { try Directory.user($0, "alice") })
        #expect(alice.name == "Dupont, Alice")
        #expect(alice.groups == ["rh", "urba"])
        #expect(alice.email == nil)
    }

    @Test func theOutputOfAListImportsUnchanged() throws {
        let ts = try TestStore()
        _ = try ts.write { tx in try Directory.addUser(tx, ts.admin, UserSpec(id: "alice", name: "Alice", email: "a@x.org", groups: ["rh"])) }
        var lines = ""
        try ts.read { sql in
            try Directory.eachUser(sql, ts.admin, Directory.UserFilter()) { lines += JSONWriter.compact($0.record) + "\n"; return true }
        }
        let (summary, emitted, errors) = try run(ts, lines, .ndjson)
        #expect(errors.isEmpty)
        #expect(summary.unchanged == 2)
        #expect(summary.created == 0)
        #expect(emitted == ["alice", "root"])
    }
}
