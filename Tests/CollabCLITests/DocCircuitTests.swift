import Testing
import _CollabTestSupport

/// `collab-doc circuit start|show`, `pending`, `approve`, `reject`, `undo`, `delegate`,
/// `delegations`.
@Suite struct DocCircuitTests {
    /// Users alice (owner of doc-1), bob, carl and dan (group juridique), maire; a public
    /// folder /actes where alice writes; doc-1 by alice.
    private func sandbox() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob", "carl", "dan", "maire", "eve")
        try s.ok("group", "add", "juridique", "--member", "carl", "--member", "dan")
        try s.docOK("folder", "add", "/actes", "--visibility", "public")
        try s.docOK("folder", "share", "/actes", "alice:write")
        _ = try s.addDoc("arrete.txt", "arrêté n°1\n", folder: "/actes", as: "alice")
        return s
    }

    private func steps(_ circuit: [String: Any]) -> [String] {
        (circuit.objects("steps") ?? []).map { $0.string("state") ?? "?" }
    }

    @Test func aCircuitWithAParallelAnyStepRunsToApproval() throws {
        let s = try sandbox()
        let c = try s.docOK(
            "circuit", "start", "doc-1", "--step", "visa:bob", "--step", "visa:group:juridique:any", "--step", "visa:maire",
            "--due", "+5d", as: "alice"
        ).record()
        #expect(c.string("type") == "circuit")
        #expect(c.string("id") == "circ-1")
        #expect(c.int("version") == 1)
        #expect(steps(c) == ["active", "waiting", "waiting"])
        #expect(c.objects("steps")?[1].strings("who") == ["group:juridique"])
        #expect(c.objects("steps")?[1].string("mode") == "any")
        #expect(c.objects("steps")?[0].string("due") == "2026-11-28T09:20:00Z")
        #expect(try s.docOK("show", "doc-1").record().string("status") == "in_circuit")
        // The version is frozen.
        try s.file("v2.txt", "v2")
        try s.docFails(73, "update", "doc-1", "v2.txt", as: "alice")

        #expect(try s.docOK("pending", "-q", as: "bob").lines == ["doc-1"])
        #expect(try s.docOK("pending", "-q", as: "carl").lines == [])
        try s.docFails(77, "approve", "doc-1", as: "carl")
        let r = try s.docOK("approve", "doc-1", "--comment", "vu", as: "bob").records()
        #expect(r[0].string("type") == "decision")
        #expect(r[0].string("action") == "approve")
        #expect(r[0].string("comment") == "vu")
        #expect(steps(r[1]) == ["done", "active", "waiting"])
        #expect(try s.docOK("pending", "-q", as: "carl").lines == ["doc-1"])
        #expect(try s.docOK("pending", "-q", as: "dan").lines == ["doc-1"])
        try s.docOK("tag", "doc-1", "voirie", "urgent", as: "alice")
        var pending = try s.docOK("pending", as: "dan").record()
        #expect(pending.strings("tags") == ["urgent", "voirie"])
        #expect(pending.objects("acl")?.isEmpty == true)
        try s.docOK("share", "doc-1", "eve", as: "alice")
        pending = try s.docOK("pending", as: "dan").record()
        #expect(pending.objects("acl")?.first?.string("user") == "eve")
        #expect(pending.int("step") == 2)
        #expect(pending.string("kind") == "visa")
        #expect(pending.string("circuit") == "circ-1")
        // Any one member of the group is enough.
        try s.docOK("approve", "doc-1", as: "dan")
        #expect(try s.docOK("pending", "-q", as: "carl").lines == [])
        try s.docFails(77, "approve", "doc-1", as: "carl")
        let last = try s.docOK("approve", "doc-1", as: "maire").records()[1]
        #expect(last.string("state") == "approved")
        #expect(steps(last) == ["done", "done", "done"])
        #expect(try s.docOK("show", "doc-1").record().string("status") == "approved")
        try s.docFails(73, "approve", "doc-1", as: "maire")

        // The bordereau: who acted at each step, when, with what comment.
        let b = try s.docOK("circuit", "show", "doc-1").record()
        let decisions = (b.objects("steps") ?? []).map { ($0.objects("decisions") ?? []).map { $0.string("user") ?? "" } }
        #expect(decisions == [["bob"], ["dan"], ["maire"]])
        #expect(b.objects("steps")?[0].objects("decisions")?[0].string("ts") == Sandbox.now)
    }

    @Test func anAllStepWaitsForEveryone() throws {
        let s = try sandbox()
        try s.docOK("circuit", "start", "1", "--step", "visa:bob,carl", as: "alice")
        let first = try s.docOK("approve", "1", as: "carl").records()[1]
        #expect(steps(first) == ["active"])
        try s.docFails(73, "approve", "1", as: "carl")
        #expect(try s.docOK("pending", "-q", as: "carl").lines == [], "carl has acted")
        #expect(try s.docOK("pending", "-q", as: "bob").lines == ["doc-1"])
        #expect(try s.docOK("approve", "1", as: "bob").records()[1].string("state") == "approved")
    }

    @Test func aRejectedDraftCanBeDeletedWithItsCircuit() throws {
        let s = try sandbox()
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", as: "alice")
        try s.docOK("reject", "doc-1", "--comment", "non", as: "bob")
        let r = try s.docOK("delete", "doc-1", as: "alice")
        #expect(try r.record().string("id") == "doc-1")
        try s.docFails(1, "circuit", "show", "doc-1", as: "alice")
        let feed = try s.run("collab-admin", ["feed", "--since", "0"], env: ["COLLAB_USER": "root"]).records()
        #expect(feed.contains { $0.string("record_type") == "circuit" && $0.string("op") == "delete" })
        #expect(try s.verify().status == 0)
    }

    @Test func aRejectionNeedsACommentAndReturnsToDraft() throws {
        let s = try sandbox()
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", "--step", "visa:maire", as: "alice")
        try s.docFails(64, "reject", "doc-1", as: "bob")
        let empty = try s.docFails(65, "reject", "doc-1", "--comment", " ", as: "bob")
        #expect(empty.stderr.contains("comment"))
        let r = try s.docOK("reject", "doc-1", "--comment", "-", as: "bob", stdin: "il manque l'annexe\n").records()
        #expect(r[0].string("action") == "reject")
        #expect(r[0].string("comment") == "il manque l'annexe")
        #expect(r[1].string("state") == "rejected")
        #expect(steps(r[1]) == ["rejected", "waiting"])
        #expect(try s.docOK("show", "doc-1").record().string("status") == "draft")
        // The owner sees it in the change feed.
        let feed = try s.run("collab-admin", ["feed", "--since", "0"], env: ["COLLAB_USER": "root"]).records()
        let rejection = try #require(feed.first { $0.string("record_type") == "decision" && $0.object("record")?.string("action") == "reject" })
        #expect(rejection.string("actor") == "bob")
        #expect(feed.last?.string("record_type") == "doc")
        #expect(feed.last?.object("record")?.string("owner") == "alice")
        // A rejection cannot be undone; the document can be revised and sent again.
        try s.docFails(73, "undo", "doc-1", as: "bob")
        try s.docFails(73, "approve", "doc-1", as: "maire")
        try s.file("v2.txt", "arrêté n°1, avec annexe\n")
        try s.docOK("update", "doc-1", "v2.txt", as: "alice")
        let again = try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", as: "alice").record()
        #expect(again.string("id") == "circ-2")
        #expect(again.int("version") == 2)
        #expect(try s.docOK("circuit", "show", "doc-1", "--all", "-q").lines == ["circ-1", "circ-2"])
    }

    @Test func aDelegationWorksOnlyInsideItsWindow() throws {
        let s = try sandbox()
        let d = try s.docOK("delegate", "--to", "eve", "--from", "2026-11-24", "--until", "2026-11-26", as: "bob").record()
        #expect(d.string("type") == "delegation")
        #expect(d.string("user") == "bob")
        #expect(d.string("to") == "eve")
        #expect(d.string("from") == "2026-11-24T00:00:00Z")
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", as: "alice")
        // Before the window.
        #expect(try s.docOK("pending", "-q", as: "eve").lines == [])
        try s.docFails(77, "approve", "doc-1", as: "eve")
        // Inside it.
        let inside = ["COLLAB_NOW": "2026-11-25T10:00:00Z", "TZ": "UTC"]
        #expect(try s.docOK("pending", "-q", as: "eve", env: inside).lines == ["doc-1"])
        #expect(try s.docOK("pending", as: "eve", env: inside).record().string("on_behalf_of") == "bob")
        #expect(try s.docOK("delegations", "--current", "-q", as: "eve", env: inside).lines == ["dlg-1"])
        // After it.
        let after = ["COLLAB_NOW": "2026-11-26T00:00:00Z"]
        try s.docFails(77, "approve", "doc-1", as: "eve", env: after)
        #expect(try s.docOK("delegations", "--current", "-q", as: "eve", env: after).lines == [])
        let r = try s.docOK("approve", "doc-1", as: "eve", env: inside).records()
        #expect(r[0].string("user") == "eve")
        #expect(r[0].string("on_behalf_of") == "bob")
        #expect(r[1].string("state") == "approved")
        let bordereau = try s.docOK("circuit", "show", "doc-1").record()
        #expect(bordereau.objects("steps")?[0].objects("decisions")?[0].string("on_behalf_of") == "bob")
        #expect(try s.docOK("delegations", "-q", as: "bob").lines == ["dlg-1"])
        #expect(try s.docOK("delegations", "-q", as: "carl").lines == [])
    }

    @Test func delegationErrors() throws {
        let s = try sandbox()
        try s.docFails(65, "delegate", "--to", "eve", "--from", "2026-11-26", "--until", "2026-11-24", as: "bob")
        try s.docFails(65, "delegate", "--to", "bob", "--until", "+1d", as: "bob")
        try s.docFails(1, "delegate", "--to", "nobody", "--until", "+1d", as: "bob")
        try s.docFails(65, "delegate", "--to", "eve", "--until", "someday", as: "bob")
        try s.docFails(64, "delegate", "--to", "eve", as: "bob")
        try s.docFails(77, "delegate", "--to", "eve", "--until", "+1d", "--user", "carl", as: "bob")
        #expect(try s.docOK("delegate", "--to", "eve", "--until", "+1d", "--user", "carl").record().string("user") == "carl")
    }

    @Test func undoTakesBackADecisionUntilTheNextStepActs() throws {
        let s = try sandbox()
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", "--step", "visa:maire", as: "alice")
        try s.docFails(73, "undo", "doc-1", as: "bob")
        try s.docOK("approve", "doc-1", as: "bob")
        let u = try s.docOK("undo", "doc-1", as: "bob").records()
        #expect(u[0].string("action") == "undo")
        #expect(steps(u[1]) == ["active", "waiting"])
        #expect(try s.docOK("pending", "-q", as: "maire").lines == [])
        try s.docOK("approve", "doc-1", as: "bob")
        try s.docOK("approve", "doc-1", as: "maire")
        let refused = try s.docFails(73, "undo", "doc-1", as: "bob")
        #expect(refused.stderr.contains("step 2"))
        // The last step may take its decision back: the circuit is open again.
        let reopened = try s.docOK("undo", "doc-1", as: "maire").records()[1]
        #expect(reopened.string("state") == "active")
        #expect(try s.docOK("show", "doc-1").record().string("status") == "in_circuit")
    }

    @Test func startErrors() throws {
        let s = try sandbox()
        try s.docFails(64, "circuit", "start", "doc-1", as: "alice")
        try s.docFails(65, "circuit", "start", "doc-1", "--step", "stamp:bob", as: "alice")
        try s.docFails(65, "circuit", "start", "doc-1", "--step", "visa:bob:some", as: "alice")
        try s.docFails(65, "circuit", "start", "doc-1", "--step", "seal:bob", as: "alice")
        try s.docFails(1, "circuit", "start", "doc-1", "--step", "visa:nobody", as: "alice")
        try s.docFails(1, "circuit", "start", "doc-1", "--step", "visa:group:nogroup", as: "alice")
        try s.docFails(1, "circuit", "start", "doc-9", "--step", "visa:bob", as: "alice")
        try s.docFails(77, "circuit", "start", "doc-1", "--step", "visa:bob", as: "bob")
        try s.docFails(1, "circuit", "show", "doc-1")
        try s.docFails(73, "approve", "doc-1", as: "bob")
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:bob", as: "alice")
        try s.docFails(73, "circuit", "start", "doc-1", "--step", "visa:bob", as: "alice")
        try s.docFails(73, "delete", "doc-1", as: "alice")
    }
}
