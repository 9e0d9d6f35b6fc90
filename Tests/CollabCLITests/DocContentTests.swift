import Testing
import _CollabTestSupport

/// Content is streamed in and out a chunk at a time: a 200 MiB file never sits whole in
/// memory, and comes back identical.
@Suite struct DocContentTests {
    /// The maximum resident set size, in KiB, GNU time wrote to `path`.
    private func maxRSS(_ s: Sandbox, _ path: String) throws -> Int {
        let text = String(decoding: Sandbox.read(s.path + "/" + path), as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.contains("Maximum resident set size") }, "\(text)")
        return try #require(Int(line.split(separator: ":").last?.trimmingPrefix(" ") ?? ""))
    }

    private func sha256(_ s: Sandbox, _ file: String) throws -> String {
        let r = try s.run("sha256sum", [file])
        try #require(r.status == 0, "\(r)")
        return String(r.stdout.prefix(64))
    }

    @Test
    func a200MiBFileGoesInAndOutInLittleMemory() throws {
        let s = try Sandbox()
        try s.docOK("folder", "add", "/big")
        let made = try s.run("sh", ["-c", "head -c 209715200 /dev/urandom > big.bin"], timeout: 300)
        try #require(made.status == 0, "\(made)")
        let expected = try sha256(s, "big.bin")

        let add = try s.run("/usr/bin/time", ["-v", "-o", "add.time", "collab-doc", "add", "big.bin", "--folder", "/big"], timeout: 600)
        try #require(add.status == 0, "\(add)")
        let doc = try add.record()
        #expect(doc.string("sha256") == expected)
        #expect(doc.int("size") == 209_715_200)
        let addRSS = try maxRSS(s, "add.time")
        #expect(addRSS < 64 * 1024, "add peaked at \(addRSS) KiB")

        let get = try s.run(
            "sh", ["-c", "/usr/bin/time -v -o get.time collab-doc get doc-1 | sha256sum"], timeout: 600)
        try #require(get.status == 0, "\(get)")
        #expect(String(get.stdout.prefix(64)) == expected)
        let getRSS = try maxRSS(s, "get.time")
        #expect(getRSS < 64 * 1024, "get peaked at \(getRSS) KiB")

        try s.docOK("get", "doc-1", "-o", "copy.bin")
        #expect(try sha256(s, "copy.bin") == expected)

        // The same content again is stored once.
        try s.docOK("add", "big.bin", "--folder", "/big", "--title", "again")
        #expect(try s.sqlite("SELECT count(*), sum(chunks) FROM blobs;").split(separator: "\n") == ["1|200"])
    }
}
