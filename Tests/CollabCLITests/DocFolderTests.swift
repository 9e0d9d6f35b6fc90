import Testing
import _CollabTestSupport

/// `collab-doc folder add|list|show|share|policy`.
@Suite struct DocFolderTests {
    @Test func addPrintsTheFolder() throws {
        let s = try Sandbox()
        let f = try s.docOK("folder", "add", "/urbanisme", "--title", "Urbanisme", "--visibility", "public").record()
        #expect(f.string("type") == "folder")
        #expect(f.string("id") == "/urbanisme")
        #expect(f.string("title") == "Urbanisme")
        #expect(f.string("visibility") == "public")
        #expect(f.string("owner") == "root")
        #expect(f.int("rev") == 1)
        #expect(f.string("created") == Sandbox.now)
        let sub = try s.docOK("folder", "add", "/urbanisme/plu").record()
        #expect(sub.string("title") == "plu")
        #expect(sub.string("visibility") == "private", "folders are private by default")
        #expect(try s.changes().last?.string("record_type") == "folder")
    }

    @Test func theParentMustExist() throws {
        let s = try Sandbox()
        let r = try s.docFails(1, "folder", "add", "/a/b")
        #expect(r.stderr.contains("'/a'"), "\(r)")
    }

    @Test(arguments: ["urbanisme", "/Urbanisme", "/a//b", "/a/", "/", "/a b"])
    func aBadPathIsBadInput(_ path: String) throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/a")
        let r = try s.docFails(65, "folder", "add", path)
        #expect(r.stderr.contains("invalid folder"), "\(r)")
    }

    @Test func repeatingIsANoOpAndOtherAttributesConflict() throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/rh", "--title", "RH")
        let seq = try s.lastSeq()
        #expect(try s.docOK("folder", "add", "/rh", "--title", "RH").record().int("rev") == 1)
        #expect(try s.lastSeq() == seq)
        let r = try s.docFails(73, "folder", "add", "/rh", "--title", "Ressources humaines")
        #expect(r.stderr.contains("--update"))
        let u = try s.docOK("folder", "add", "/rh", "--title", "Ressources humaines", "--update").record()
        #expect(u.int("rev") == 2)
        #expect(u.string("title") == "Ressources humaines")
        #expect(try s.docOK("folder", "add", "/other", "--key", "K1").record().string("id") == "/other")
        #expect(try s.docOK("folder", "add", "/again", "--key", "K1").record().string("id") == "/other")
        try s.docFails(1, "folder", "show", "/again")
    }

    @Test func listShowsReadableFoldersOnly() throws {
        let s = try Sandbox()
        try s.addUsers("alice")
        try s.addUsers("gus", extra: ["--role", "guest"])
        try s.docOK("folder", "add", "/pub", "--visibility", "public")
        try s.docOK("folder", "add", "/priv")
        try s.docOK("folder", "add", "/shared")
        try s.docOK("folder", "share", "/shared", "gus")
        #expect(try s.docOK("folder", "list", "-q").lines == ["/priv", "/pub", "/shared"])
        #expect(try s.docOK("folder", "list", "-q", as: "alice").lines == ["/pub"])
        #expect(try s.docOK("folder", "list", "-q", as: "gus").lines == ["/shared"])
        try s.docFails(77, "folder", "show", "/priv", as: "alice")
        try s.docFails(1, "folder", "show", "/nowhere")
        try s.docOK("folder", "add", "/pub/sub", "--visibility", "public")
        #expect(try s.docOK("folder", "list", "--under", "/pub", "-q").lines == ["/pub", "/pub/sub"])
    }

    @Test func shareNeedsManageAndChangesTheList() throws {
        let s = try Sandbox()
        try s.addUsers("alice", "bob")
        try s.ok("group", "add", "juridique", "--member", "bob")
        try s.docOK("folder", "add", "/actes")
        let f = try s.docOK("folder", "share", "/actes", "alice:write", "group:juridique").record()
        #expect(f.objects("acl")?.count == 2)
        #expect(f.int("rev") == 2)
        try s.docFails(77, "folder", "share", "/actes", "bob:manage", as: "alice")
        try s.docFails(1, "folder", "share", "/actes", "nobody")
        try s.docFails(65, "folder", "share", "/actes", "alice:admin")
        try s.docFails(73, "folder", "share", "/actes", "bob", "--if-rev", "1")
        let revoked = try s.docOK("folder", "share", "/actes", "--revoke", "alice").record()
        #expect(revoked.objects("acl")?.map { $0.string("group") ?? $0.string("user") ?? "" } == ["juridique"])
        // Subfolders need write on the parent: bob (read through the group) may not.
        try s.docFails(77, "folder", "add", "/actes/x", as: "bob")
    }

    @Test func policySetsAPatternThatTitlesMustMatch() throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/deliberations")
        let f = try s.docOK("folder", "policy", "/deliberations", "--name-pattern", #"^\d{4}-\d{2}-\d{2}_"#).record()
        #expect(f.string("name_pattern") == #"^\d{4}-\d{2}-\d{2}_"#)
        try s.file("budget.txt", "x")
        let r = try s.docFails(65, "add", "budget.txt", "--folder", "/deliberations")
        #expect(r.stderr.contains(#"^\d{4}-\d{2}-\d{2}_"#), "the message names the pattern: \(r)")
        try s.docOK("add", "budget.txt", "--folder", "/deliberations", "--title", "2026-11-23_budget")
        try s.docFails(65, "folder", "policy", "/deliberations", "--name-pattern", "([")
        try s.docFails(64, "folder", "policy", "/deliberations")
        #expect(try s.docOK("folder", "policy", "/deliberations", "--clear").record()["name_pattern"] == nil)
        try s.docOK("add", "budget.txt", "--folder", "/deliberations")
    }
}
