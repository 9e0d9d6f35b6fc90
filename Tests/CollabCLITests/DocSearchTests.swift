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
        // On PostgreSQL, French stemming also finds "voté" in doc-1 (both stem to "vot").
        let votants = try s.docOK("search", "votants", "-q").lines
        #expect(TestDatabases.onPostgres ? Set(votants) == ["doc-1", "doc-2"] : votants == ["doc-2"], "\(votants)")
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

/// PDF text through pdftotext (poppler-utils), installed by scripts/test.
@Suite struct DocPDFSearchTests {
    /// A one-page PDF showing `text` in Helvetica.
    static func pdf(_ text: String) -> String {
        let stream = "BT /F1 14 Tf 20 80 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 6\n0000000000 65535 f \n"
        for o in offsets {
            let digits = String(o)
            out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        return out + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    }

    @Test(.enabled(if: ProgramRunner.resolve("pdftotext") != nil, "needs pdftotext (apt-get install poppler-utils)"))
    func findsTheTextOfPDFs() throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/urba")
        let d = try s.addDoc("permis.pdf", Self.pdf("Permis de construire accorde"), folder: "/urba")
        #expect(d.string("media_type") == "application/pdf")
        #expect(try s.docOK("search", "construire", "-q").lines == ["doc-1"])
        #expect(try s.docOK("search", "permis accorde", "-q").lines == ["doc-1"])
        #expect(try s.docOK("search", "refuse", "-q").lines == [])
        // A PDF that pdftotext cannot read is found by title only.
        _ = try s.addDoc("broken.pdf", "%PDF-1.4 not really", folder: "/urba")
        #expect(try s.docOK("search", "broken", "-q").lines == ["doc-2"])
    }
}
