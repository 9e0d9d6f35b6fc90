import Testing
import _CollabTestSupport

extension Sandbox {
    /// A store with alice (member), a folder /rh with a sub-folder /rh/paie holding
    /// alice's draft doc-1, a folder /pub with doc-2, and a public channel general with
    /// alice's message msg-1.
    static func holdOffice(sourceLocation: SourceLocation = #_sourceLocation) throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", sourceLocation: sourceLocation)
        for folder in ["/rh", "/rh/paie", "/pub"] {
            try s.docOK("folder", "add", folder, "--visibility", "public", sourceLocation: sourceLocation)
        }
        try s.docOK("folder", "share", "/rh", "alice:write", sourceLocation: sourceLocation)
        try s.docOK("folder", "share", "/rh/paie", "alice:write", sourceLocation: sourceLocation)
        try s.docOK("folder", "share", "/pub", "alice:write", sourceLocation: sourceLocation)
        _ = try s.addDoc("paie.txt", "bulletins", folder: "/rh/paie", as: "alice", sourceLocation: sourceLocation)
        _ = try s.addDoc("note.txt", "note", folder: "/pub", as: "alice", sourceLocation: sourceLocation)
        try s.msg(["channel", "add", "general"], sourceLocation: sourceLocation)
        try s.msg(["channel", "add", "annonces"], sourceLocation: sourceLocation)
        try s.post("general", "bonjour", as: "alice", sourceLocation: sourceLocation)
        return s
    }
}

/// `collab-admin hold add|list|remove`, and holds blocking the deletions of collab-doc and
/// collab-msg.
@Suite struct AdminHoldTests {
    @Test func addListAndRemove() throws {
        let s = try Sandbox.holdOffice()
        let h = try s.ok("hold", "add", "doc-1", "--why", "Affaire 2026-114").record()
        #expect(h.string("type") == "hold")
        #expect(h.string("id") == "hold-1")
        #expect(h.string("target") == "doc-1")
        #expect(h.string("target_type") == "doc")
        #expect(h.string("why") == "Affaire 2026-114")
        #expect(h.string("by") == "root")
        #expect(h.string("status") == "active")
        #expect(h.int("rev") == 1)
        #expect(h.string("created") == Sandbox.now)
        let more = try s.ok("hold", "add", "/rh", "general", "channel:annonces", "--why", "Contrôle CRC").records()
        #expect(more.map { $0.string("target_type") ?? "" } == ["folder", "channel", "channel"])
        #expect(more.map { $0.string("target") ?? "" } == ["/rh", "general", "annonces"])
        #expect(try s.ok("hold", "list", "-q").lines == ["hold-1", "hold-2", "hold-3", "hold-4"])

        let lifted = try s.ok("hold", "remove", "hold-1", "--why", "Affaire close").record()
        #expect(lifted.string("status") == "lifted")
        #expect(lifted.string("lifted") == Sandbox.now)
        #expect(lifted.string("lifted_by") == "root")
        #expect(lifted.string("lift_why") == "Affaire close")
        #expect(lifted.int("rev") == 2)
        #expect(try s.ok("hold", "list", "-q").lines == ["hold-2", "hold-3", "hold-4"])
        #expect(try s.ok("hold", "list", "--all", "-q").lines == ["hold-1", "hold-2", "hold-3", "hold-4"])
        #expect(try s.verify().status == 0)
    }

    @Test func repeatingAnAddOrARemoveChangesNothing() throws {
        let s = try Sandbox.holdOffice()
        try s.ok("hold", "add", "doc-1", "--why", "Affaire A")
        let seq = try s.lastSeq()
        #expect(try s.ok("hold", "add", "doc-1", "--why", "Affaire A").record().string("id") == "hold-1")
        #expect(try s.lastSeq() == seq)
        #expect(try s.ok("hold", "add", "doc-1", "--why", "Affaire B").record().string("id") == "hold-2", "another case is another hold")
        try s.ok("hold", "add", "/pub", "--why", "X", "--key", "CASE-9")
        let keyed = try s.lastSeq()
        #expect(try s.ok("hold", "add", "/pub", "--why", "Y", "--key", "CASE-9").record().string("id") == "hold-3")
        #expect(try s.lastSeq() == keyed)
        try s.ok("hold", "remove", "3")
        let removed = try s.lastSeq()
        #expect(try s.ok("hold", "remove", "hold-3").record().string("status") == "lifted")
        #expect(try s.lastSeq() == removed)
    }

    @Test func errors() throws {
        let s = try Sandbox.holdOffice()
        try s.fails(1, "hold", "add", "doc-9", "--why", "x")
        try s.fails(1, "hold", "add", "/nowhere", "--why", "x")
        try s.fails(1, "hold", "add", "nochannel", "--why", "x")
        try s.fails(65, "hold", "add", "Bad Slug", "--why", "x")
        try s.fails(65, "hold", "add", "doc-1", "--why", "  ")
        try s.fails(64, "hold", "add", "doc-1")
        try s.fails(64, "hold", "add", "doc-1", "general", "--why", "x", "--key", "K")
        try s.fails(1, "hold", "remove", "hold-7")
        #expect(try s.ok("hold", "list").stdout.isEmpty, "a failed add wrote nothing")
        let denied = try s.fails(77, "hold", "add", "doc-1", "--why", "x", env: ["COLLAB_USER": "alice"])
        #expect(denied.stderr.contains("admin"), "\(denied)")
        try s.fails(77, "hold", "list", env: ["COLLAB_USER": "alice"])
        try s.ok("hold", "add", "doc-1", "--why", "x")
        try s.fails(77, "hold", "remove", "hold-1", env: ["COLLAB_USER": "alice"])
        #expect(try s.ok("hold", "list").record().string("status") == "active")
    }

    @Test func theReasonMayComeFromStandardInput() throws {
        let s = try Sandbox.holdOffice()
        let h = try s.ok("hold", "add", "general", "--why", "-", stdin: "Réquisition du parquet\n").record()
        #expect(h.string("why") == "Réquisition du parquet")
    }

    @Test func aDryRunPlacesNoHold() throws {
        let s = try Sandbox.holdOffice()
        let r = try s.ok("hold", "add", "doc-1", "--why", "x", "--dry-run")
        #expect(try r.record().string("type") == "change")
        #expect(try s.ok("hold", "list").stdout.isEmpty)
    }

    @Test func aHeldDocumentOrFolderCannotBeDeletedUntilLifted() throws {
        let s = try Sandbox.holdOffice()
        try s.ok("hold", "add", "doc-1", "--why", "Affaire A")
        let r = try s.docFails(73, "delete", "doc-1", as: "alice")
        #expect(r.stderr.contains("hold-1"), "\(r)")
        try s.ok("hold", "remove", "hold-1")
        // A hold on an ancestor folder covers the documents of its sub-folders.
        try s.ok("hold", "add", "/rh", "--why", "Contrôle")
        let again = try s.docFails(73, "delete", "doc-1", as: "alice")
        #expect(again.stderr.contains("hold-2"), "\(again)")
        try s.docOK("delete", "doc-2", as: "alice")
        try s.ok("hold", "remove", "hold-2")
        try s.docOK("delete", "doc-1", as: "alice")
        try s.docFails(1, "show", "doc-1")
    }

    @Test func aHeldChannelKeepsItsMessages() throws {
        let s = try Sandbox.holdOffice()
        let other = try s.post("annonces", "à supprimer", as: "alice")
        try s.ok("hold", "add", "general", "--why", "Enquête")
        let purge = try s.msgFails(73, ["delete", "msg-1", "--purge"])
        #expect(purge.stderr.contains("hold-1"), "\(purge)")
        try s.msgFails(73, ["delete", "msg-1"], as: "alice")
        #expect(try s.msg(["list", "general"]).record().string("body") == "bonjour")
        try s.msg(["delete", other, "--purge"])
        try s.ok("hold", "remove", "hold-1")
        try s.msg(["delete", "msg-1", "--purge"])
        #expect(try s.msgIds(["list", "general"]).isEmpty)
    }

    @Test(arguments: [
        "hold", "hold add", "hold list", "hold remove", "retention", "retention set", "retention show", "retention remove",
        "retention apply", "stats",
    ])
    func everyVerbHasHelp(_ verb: String) throws {
        let s = try Sandbox(initialise: false)
        let words = verb.split(separator: " ").map(String.init)
        let r = try s.run("collab-admin", words + ["--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE: collab-admin \(verb)"), "\(r)")
    }
}
