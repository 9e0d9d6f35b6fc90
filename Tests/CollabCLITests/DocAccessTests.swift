import Testing
import _CollabTestSupport

/// Access to documents per folder and per document, for members, groups and guests.
@Suite struct DocAccessTests {
    /// Users alice (member), bob (member, group juridique), gus (guest); a private folder
    /// /rh owned by root holding doc-1, and a public folder /pub holding doc-2.
    private func sandbox() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob")
        try s.addUsers("gus", extra: ["--role", "guest"])
        try s.ok("group", "add", "juridique", "--member", "bob")
        try s.docOK("folder", "add", "/rh")
        try s.docOK("folder", "add", "/pub", "--visibility", "public")
        _ = try s.addDoc("paie.txt", "paie", folder: "/rh")
        _ = try s.addDoc("note.txt", "note", folder: "/pub")
        return s
    }

    @Test func membersReadPublicFoldersOnly() throws {
        let s = try sandbox()
        #expect(try s.docOK("list", "-q", as: "alice").lines == ["doc-2"])
        try s.docFails(77, "show", "doc-1", as: "alice")
        try s.docFails(77, "get", "doc-1", as: "alice")
        try s.docOK("get", "doc-2", as: "alice")
        try s.docFails(77, "update", "doc-2", "note.txt", as: "alice")
        #expect(try s.changes().last?.string("record_type") == "refusal", "a refusal is recorded")
    }

    @Test func guestsSeeOnlyWhatIsSharedWithThem() throws {
        let s = try sandbox()
        #expect(try s.docOK("list", "-q", as: "gus").lines == [])
        try s.docFails(77, "get", "doc-2", as: "gus")
        try s.docOK("share", "doc-2", "gus")
        #expect(try s.docOK("list", "-q", as: "gus").lines == ["doc-2"])
        try s.docOK("get", "doc-2", as: "gus")
        try s.docFails(77, "folder", "add", "/gus", as: "gus")
    }

    @Test func aFolderSharedWithAGroupGivesItsDocuments() throws {
        let s = try sandbox()
        try s.docOK("folder", "share", "/rh", "group:juridique:write")
        #expect(try s.docOK("list", "-q", as: "bob").lines == ["doc-1", "doc-2"])
        try s.file("v2.txt", "paie v2")
        #expect(try s.docOK("update", "doc-1", "v2.txt", as: "bob").record().int("version") == 2)
        try s.docFails(77, "share", "doc-1", "alice", as: "bob")
        try s.docFails(77, "delete", "doc-1", as: "bob")
    }

    @Test func aDocumentAddsToItsFoldersList() throws {
        let s = try sandbox()
        let d = try s.docOK("share", "doc-1", "alice:write").record()
        #expect(d.objects("acl")?.first?.string("user") == "alice")
        #expect(try s.docOK("list", "-q", as: "alice").lines == ["doc-1", "doc-2"])
        try s.file("v2.txt", "paie v2")
        try s.docOK("update", "doc-1", "v2.txt", as: "alice")
        try s.docFails(77, "folder", "show", "/rh", as: "alice")
        try s.docOK("share", "doc-1", "alice", "--revoke")
        try s.docFails(77, "get", "doc-1", as: "alice")
        try s.docFails(73, "share", "doc-1", "bob", "--if-rev", "1")
    }

    @Test func searchRespectsAccess() throws {
        let s = try sandbox()
        _ = try s.addDoc("secret.txt", "réunion confidentielle", folder: "/rh")
        _ = try s.addDoc("public.txt", "réunion publique", folder: "/pub")
        #expect(try s.docOK("search", "reunion", "-q").lines.sorted() == ["doc-3", "doc-4"])
        #expect(try s.docOK("search", "reunion", "-q", as: "alice").lines == ["doc-4"])
        #expect(try s.docOK("search", "reunion", "-q", as: "gus").lines == [])
    }
}
