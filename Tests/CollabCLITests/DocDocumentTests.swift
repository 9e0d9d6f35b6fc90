import Testing
import _CollabTestSupport

/// `collab-doc add|list|show|get|update|versions|diff|mv|tag|lock|unlock|delete`.
@Suite struct DocDocumentTests {
    /// A sandbox with a public folder /urba and users alice and bob.
    private func sandbox() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob")
        try s.docOK("folder", "add", "/urba", "--visibility", "public")
        try s.docOK("folder", "share", "/urba", "alice:write", "bob:write")
        return s
    }

    @Test func addPrintsTheDocumentAndItsFirstVersion() throws {
        let s = try sandbox()
        let d = try s.addDoc("plu.md", "# PLU\nzone A\n", folder: "/urba", as: "alice", extra: ["--tag", "plu", "--tag", "zonage"])
        #expect(d.string("type") == "doc")
        #expect(d.string("id") == "doc-1")
        #expect(d.string("title") == "plu.md")
        #expect(d.string("folder") == "/urba")
        #expect(d.string("owner") == "alice")
        #expect(d.int("version") == 1)
        #expect(d.int("size") == 13)
        #expect(d.string("media_type") == "text/markdown")
        #expect(d.string("status") == "draft")
        #expect(d.strings("tags") == ["plu", "zonage"])
        let versions = try s.docOK("versions", "doc-1").records()
        #expect(versions.count == 1)
        #expect(versions[0].string("id") == "doc-1@1")
        #expect(versions[0].string("author") == "alice")
        let types = try s.changes().suffix(2).map { $0.string("record_type") }
        #expect(types == ["doc", "version"])
    }

    @Test func theHashIsTheSHA256OfTheBytes() throws {
        let s = try sandbox()
        let d = try s.addDoc("a.txt", "abc", folder: "/urba")
        #expect(d.string("sha256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func addFromStandardInputNeedsATitle() throws {
        let s = try sandbox()
        try s.docFails(64, "add", "-", "--folder", "/urba", stdin: "x")
        let d = try s.docOK("add", "-", "--folder", "/urba", "--title", "note.txt", stdin: "bonjour\n").record()
        #expect(d.string("title") == "note.txt")
        #expect(d.int("size") == 8)
        #expect(try s.docOK("get", "doc-1").stdout == "bonjour\n")
    }

    @Test func severalFilesAreOneTransaction() throws {
        let s = try sandbox()
        try s.file("a.txt", "a")
        try s.file("b.txt", "b")
        #expect(try s.docOK("add", "a.txt", "b.txt", "--folder", "/urba", "-q").lines == ["doc-1", "doc-2"])
        let r = try s.docFails(74, "add", "a.txt", "missing.txt", "--folder", "/urba")
        #expect(r.stderr.contains("missing.txt"))
        #expect(try s.docOK("list", "-q").lines == ["doc-1", "doc-2"])
        try s.docFails(64, "add", "a.txt", "b.txt", "--folder", "/urba", "--title", "x")
    }

    @Test func addErrors() throws {
        let s = try sandbox()
        try s.file("a.txt", "a")
        try s.docFails(1, "add", "a.txt", "--folder", "/nowhere")
        try s.docFails(65, "add", "a.txt", "--folder", "/urba", "--tag", "Bad Tag")
        try s.docFails(65, "add", "a.txt", "--folder", "/urba", "--title", " ")
        try s.docFails(64, "add", "a.txt")
        try s.ok("user", "add", "carl")
        try s.docFails(77, "add", "a.txt", "--folder", "/urba", as: "carl")
        #expect(try s.docOK("list").stdout.isEmpty)
    }

    @Test func aRepeatedKeyReturnsTheFirstDocument() throws {
        let s = try sandbox()
        try s.file("a.txt", "a")
        try s.docOK("add", "a.txt", "--folder", "/urba", "--key", "GED-1")
        let seq = try s.lastSeq()
        #expect(try s.docOK("add", "a.txt", "--folder", "/urba", "--key", "GED-1").record().string("id") == "doc-1")
        #expect(try s.lastSeq() == seq)
    }

    @Test func getWritesTheBytesUnchanged() throws {
        let s = try sandbox()
        let bytes: [UInt8] = [0, 1, 2, 255, 254, 10, 13, 0]
        try s.writeFile("bin.dat", bytes: bytes)
        try s.docOK("add", "bin.dat", "--folder", "/urba")
        #expect(try s.docOK("get", "1").stdoutBytes == bytes)
        let v = try s.docOK("get", "doc-1", "-o", "copy.dat").record()
        #expect(v.string("type") == "version")
        #expect(Sandbox.read(s.path + "/copy.dat") == bytes)
        try s.docFails(1, "get", "doc-9")
        try s.docFails(1, "get", "doc-1", "--version", "2")
        try s.docFails(1, "get", "nonsense")
    }

    @Test func updateAddsAVersionAndGetReadsAnyVersion() throws {
        let s = try sandbox()
        _ = try s.addDoc("a.txt", "one\n", folder: "/urba", as: "alice")
        try s.file("a2.txt", "two\n")
        let d = try s.docOK("update", "doc-1", "a2.txt", "--note", "second draft", as: "bob").record()
        #expect(d.int("version") == 2)
        #expect(d.int("rev") == 2)
        #expect(try s.docOK("get", "doc-1").stdout == "two\n")
        #expect(try s.docOK("get", "doc-1", "--version", "1").stdout == "one\n")
        let versions = try s.docOK("versions", "1").records()
        #expect(versions.map { $0.int("n") } == [1, 2])
        #expect(versions[1].string("note") == "second draft")
        #expect(versions[1].string("author") == "bob")
        // The same content again changes nothing.
        let seq = try s.lastSeq()
        #expect(try s.docOK("update", "doc-1", "a2.txt").record().int("version") == 2)
        #expect(try s.lastSeq() == seq)
        try s.docFails(73, "update", "doc-1", "a.txt", "--if-rev", "1")
        try s.docFails(74, "update", "doc-1", "missing.txt")
        try s.docFails(1, "update", "doc-7", "a.txt")
    }

    @Test func diffShowsAUnifiedDiffForText() throws {
        let s = try sandbox()
        _ = try s.addDoc("a.txt", "a\nb\nc\nd\n", folder: "/urba")
        try s.file("b.txt", "a\nB\nc\nd\ne\n")
        try s.docOK("update", "1", "b.txt")
        let r = try s.docOK("diff", "doc-1")
        #expect(r.stdout == "--- doc-1@1\n+++ doc-1@2\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n")
        #expect(try s.docOK("diff", "doc-1", "2", "1").stdout.contains("-B\n+b\n"))
        #expect(try s.docOK("diff", "doc-1", "2", "2").stdout.isEmpty)
        try s.docFails(1, "diff", "doc-1", "3")
        try s.docFails(64, "diff", "doc-1", "1", "2", "3")
    }

    @Test func diffOfBinaryVersionsSaysSo() throws {
        let s = try sandbox()
        try s.writeFile("x.bin", bytes: [0, 1, 2])
        try s.docOK("add", "x.bin", "--folder", "/urba")
        try s.writeFile("y.bin", bytes: [0, 1, 3])
        try s.docOK("update", "1", "y.bin")
        #expect(try s.docOK("diff", "1").stdout == "Binary doc-1 versions 1 and 2 differ\n")
    }

    @Test func listFilters() throws {
        let s = try sandbox()
        try s.docOK("folder", "add", "/urba/plu", "--visibility", "public")
        _ = try s.addDoc("a.txt", "réunion du conseil", folder: "/urba", as: "alice", extra: ["--tag", "conseil"])
        _ = try s.addDoc("b.txt", "budget", folder: "/urba/plu", extra: ["--tag", "budget"])
        #expect(try s.docOK("list", "-q").lines == ["doc-1", "doc-2"])
        #expect(try s.docOK("list", "--folder", "/urba/plu", "-q").lines == ["doc-2"])
        #expect(try s.docOK("list", "--tag", "conseil", "-q").lines == ["doc-1"])
        #expect(try s.docOK("list", "--owner", "alice", "-q").lines == ["doc-1"])
        #expect(try s.docOK("list", "--status", "draft", "-q").lines == ["doc-1", "doc-2"])
        #expect(try s.docOK("list", "--status", "approved", "-q").lines == [])
        #expect(try s.docOK("list", "--query", "reunion", "-q").lines == ["doc-1"])
        #expect(try s.docOK("list", "--limit", "1", "-q").lines == ["doc-1"])
        try s.docFails(64, "list", "--status", "done")
        try s.docFails(65, "list", "--query", "!!")
    }

    @Test func showTakesIdsFromStandardInput() throws {
        let s = try sandbox()
        _ = try s.addDoc("a.txt", "a", folder: "/urba")
        _ = try s.addDoc("b.txt", "b", folder: "/urba")
        let ids = try s.docOK("list").stdout
        #expect(try s.docOK("show", "-", stdin: ids).ids() == ["doc-1", "doc-2"])
        let r = try s.docFails(1, "show", "doc-1", "doc-5")
        #expect(try r.ids() == ["doc-1"])
    }

    @Test func mvMovesAndRenames() throws {
        let s = try sandbox()
        try s.docOK("folder", "add", "/archive")
        _ = try s.addDoc("a.txt", "a", folder: "/urba", as: "alice")
        try s.docFails(77, "mv", "doc-1", "/archive", as: "alice")
        let moved = try s.docOK("mv", "doc-1", "/archive").record()
        #expect(moved.string("folder") == "/archive")
        let renamed = try s.docOK("mv", "doc-1", "--title", "Compte rendu").record()
        #expect(renamed.string("title") == "Compte rendu")
        #expect(renamed.string("folder") == "/archive")
        try s.docOK("folder", "policy", "/urba", "--name-pattern", "^CR ")
        try s.docFails(65, "mv", "doc-1", "/urba")
        try s.docFails(1, "mv", "doc-1", "/nowhere")
        try s.docFails(64, "mv", "doc-1")
    }

    @Test func tagAddsAndRemoves() throws {
        let s = try sandbox()
        _ = try s.addDoc("a.txt", "a", folder: "/urba")
        #expect(try s.docOK("tag", "1", "b", "a").record().strings("tags") == ["a", "b"])
        #expect(try s.docOK("tag", "1", "a", "--remove").record().strings("tags") == ["b"])
        let seq = try s.lastSeq()
        #expect(try s.docOK("tag", "1", "b").record().int("rev") == 3)
        #expect(try s.lastSeq() == seq)
        try s.docFails(65, "tag", "1", "B!")
    }

    @Test func aLockRefusesOtherWriters() throws {
        let s = try sandbox()
        _ = try s.addDoc("a.txt", "a", folder: "/urba", as: "alice")
        #expect(try s.docOK("lock", "doc-1", as: "alice").record().string("locked_by") == "alice")
        try s.file("b.txt", "b")
        let r = try s.docFails(73, "update", "doc-1", "b.txt", as: "bob")
        #expect(r.stderr.contains("locked by alice"))
        try s.docFails(73, "tag", "doc-1", "x", as: "bob")
        try s.docFails(73, "mv", "doc-1", "--title", "x", as: "bob")
        try s.docFails(73, "lock", "doc-1", as: "bob")
        try s.docFails(73, "unlock", "doc-1", as: "bob")
        try s.docFails(77, "unlock", "doc-1", "--force", as: "bob")
        try s.docOK("update", "doc-1", "b.txt", as: "alice")
        #expect(try s.docOK("unlock", "doc-1", as: "alice").record()["locked_by"] == nil)
        try s.docOK("lock", "doc-1", as: "alice")
        #expect(try s.docOK("unlock", "doc-1", "--force").record()["locked_by"] == nil, "the folder's owner breaks the lock")
    }

    @Test func deleteRemovesDraftsOnly() throws {
        let s = try sandbox()
        _ = try s.addDoc("a.txt", "a", folder: "/urba", as: "alice")
        _ = try s.addDoc("b.txt", "b", folder: "/urba", as: "alice")
        try s.docFails(77, "delete", "doc-1", as: "bob")
        let r = try s.docOK("delete", "doc-1", as: "alice")
        #expect(try r.record().string("id") == "doc-1")
        try s.docFails(1, "show", "doc-1")
        #expect(try s.changes().last?.string("op") == "delete")
        try s.sqlite("UPDATE documents SET status = 'approved' WHERE id = 'doc-2';")
        let refused = try s.docFails(73, "delete", "doc-2", as: "alice")
        #expect(refused.stderr.contains("only drafts"))
        #expect(try s.sqlite("SELECT count(*) FROM blobs;").split(separator: "\n") == ["1"], "doc-1's content is gone")
    }

    @Test func dryRunWritesNothing() throws {
        let s = try sandbox()
        try s.file("a.txt", "a")
        let r = try s.docOK("add", "a.txt", "--folder", "/urba", "--dry-run")
        #expect(try r.records().allSatisfy { $0.string("type") == "change" })
        #expect(try s.docOK("list").stdout.isEmpty)
    }
}

/// `collab-doc archive`.
@Suite struct DocArchiveTests {
    @Test func anArchivedDocumentIsReadOnlyAndKept() throws {
        let s = try Sandbox()
        try s.addUsers("alice", "bob")
        try s.docOK("folder", "add", "/actes")
        try s.docOK("folder", "share", "/actes", "alice:write", "bob:write")
        _ = try s.addDoc("arrete.txt", "arrêté", folder: "/actes", as: "alice")
        try s.docFails(77, "archive", "doc-1", "--retain", "10y", as: "bob")
        let d = try s.docOK("archive", "doc-1", "--retain", "10y").record()
        #expect(d.string("status") == "archived")
        #expect(d.string("retain_until") == "2036-11-23T09:20:00Z")
        try s.file("v2.txt", "v2")
        let r = try s.docFails(73, "update", "doc-1", "v2.txt", as: "alice")
        #expect(r.stderr.contains("archived"))
        try s.docFails(73, "tag", "doc-1", "x", as: "alice")
        try s.docFails(73, "mv", "doc-1", "--title", "x", as: "alice")
        try s.docFails(73, "lock", "doc-1", as: "alice")
        let del = try s.docFails(73, "delete", "doc-1")
        #expect(del.stderr.contains("2036-11-23T09:20:00Z"))
        #expect(try s.docOK("get", "doc-1", as: "alice").stdout == "arrêté")
        // Archiving again extends, never shortens.
        #expect(try s.docOK("archive", "doc-1", "--retain", "1y").record().string("retain_until") == "2036-11-23T09:20:00Z")
        #expect(try s.docOK("archive", "doc-1", "--retain", "P12Y").record().string("retain_until") == "2038-11-23T09:20:00Z")
        try s.docFails(65, "archive", "doc-1", "--retain", "forever")
        try s.docFails(77, "archive", "doc-1", "--retain", "20y", as: "bob")
        #expect(try s.docOK("list", "--status", "archived", "-q").lines == ["doc-1"])
    }
}
