import CollabCore
#if canImport(Glibc)
import Glibc
#endif
import Testing
import _CollabTestSupport

@Suite struct DocCoreTests {
    @Test(arguments: [
        ("/a", true), ("/urbanisme/plu", true), ("/a.b/c_d-1", true), ("a", false), ("/", false), ("/a/", false),
        ("//a", false), ("/A", false), ("/a b", false),
    ])
    func folderPaths(_ path: String, _ valid: Bool) {
        #expect(((try? FolderPath.validate(path)) != nil) == valid)
    }

    @Test func folderParents() {
        #expect(FolderPath.parent("/a") == nil)
        #expect(FolderPath.parent("/a/b/c") == "/a/b")
    }

    @Test func mediaTypes() {
        #expect(MediaType.guess(name: "x.PDF", head: []) == "application/pdf")
        #expect(MediaType.guess(name: "x", head: Array("%PDF-1.7".utf8)) == "application/pdf")
        #expect(MediaType.guess(name: "x", head: Array("héllo".utf8)) == "text/plain")
        #expect(MediaType.guess(name: "x", head: [0xFF, 0x00]) == "application/octet-stream")
        // A multi-byte character cut at the end of the sniffed bytes is still text.
        #expect(MediaType.looksLikeText(Array(Array("é".utf8).prefix(1))) == true)
        #expect(MediaType.isText("text/csv") && !MediaType.isText("image/png"))
    }

    @Test func unifiedDiffMatchesDiffU() {
        let a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
        let b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n"
        #expect(UnifiedDiff.lines(a, b, from: "a", to: "b") == [
            "--- a", "+++ b",
            "@@ -1,6 +1,6 @@", " 1", " 2", "-3", "+three", " 4", " 5", " 6",
            "@@ -10,3 +10,4 @@", " 10", " 11", " 12", "+13",
        ])
        #expect(UnifiedDiff.lines(a, a, from: "a", to: "b").isEmpty)
        #expect(UnifiedDiff.lines("", "x\n", from: "a", to: "b") == ["--- a", "+++ b", "@@ -0,0 +1 @@", "+x"])
    }

    @Test func contentIsStoredOnceAndReadBackInChunks() throws {
        let ts = try TestStore()
        var template = Array("/tmp/collab-doc-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(fd >= 0)
        unlink(String(cString: template))
        defer { close(fd) }
        let data = Array(repeating: UInt8(7), count: ContentStore.chunkSize + 10)
        #expect(data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == data.count)
        lseek(fd, 0, SEEK_SET)
        let stored = try ts.write { tx in try ContentStore.put(tx, reading: fd, name: "file") }
        let again = try ts.write { tx in
            lseek(fd, 0, SEEK_SET)
            return try ContentStore.put(tx, reading: fd, name: "file")
        }
        #expect(again.sha256 == stored.sha256)
        #expect(try ts.read { try $0.int("SELECT count(*) FROM blobs") } == 1, "the same content is kept once")
        #expect(stored.size == Int64(data.count))
        #expect(stored.sha256 == ChangeLog.sha256(data))
        var sizes: [Int] = []
        try ts.read { sql in try ContentStore.eachChunk(sql, stored.sha256) { sizes.append($0.count); return true } }
        #expect(sizes == [ContentStore.chunkSize, 10])
    }
}
