import Testing
import _CollabTestSupport

/// `collab-doc search`.
@Suite struct DocSearchTests {
    @Test func findsTitlesAndTextWithAccentsIgnored() throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/a")
        _ = try s.addDoc("compte-rendu.md", "# Réunion\nLe conseil municipal a voté.\n", folder: "/a")
        _ = try s.addDoc("Élections.csv", "bureau,votants\n1,320\n", folder: "/a")
        _ = try s.addDoc("page.html", "<html><body><p>Déchetterie fermée</p></body></html>", folder: "/a")
        try s.writeFile("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0])
        try s.docOK("add", "image.png", "--folder", "/a")
        let hit = try s.docOK("search", "conseil MUNICIPAL").record()
        #expect(hit.string("id") == "doc-1")
        #expect(hit.string("snippet")?.contains("[conseil]") == true, "\(hit)")
        #expect(try s.docOK("search", "elections", "-q").lines == ["doc-2"])
        #expect(try s.docOK("search", "votants", "-q").lines == ["doc-2"])
        #expect(try s.docOK("search", "dechetterie", "-q").lines == ["doc-3"])
        #expect(try s.docOK("search", "body", "-q").lines == [], "HTML tags are not words")
        #expect(try s.docOK("search", "image", "-q").lines == ["doc-4"], "binary documents are found by title")
        #expect(try s.docOK("search", "absent", "-q").lines == [])
        try s.docFails(65, "search", "?!")
    }

    @Test func followsUpdatesRenamesAndDeletes() throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/a")
        _ = try s.addDoc("a.txt", "ancien texte", folder: "/a")
        try s.file("b.txt", "nouveau texte")
        try s.docOK("update", "1", "b.txt")
        #expect(try s.docOK("search", "ancien", "-q").lines == [])
        #expect(try s.docOK("search", "nouveau", "-q").lines == ["doc-1"])
        try s.docOK("mv", "1", "--title", "Délibération")
        #expect(try s.docOK("search", "deliberation", "-q").lines == ["doc-1"])
        try s.docOK("delete", "1")
        #expect(try s.docOK("search", "nouveau", "-q").lines == [])
    }
}
