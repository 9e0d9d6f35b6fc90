#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import _CollabTestSupport

/// Several programs writing at once (SPEC §11: the store waits rather than fails, and no
/// write is lost) and an import killed half way (SPEC §4: it leaves nothing behind).
/// Serialized: each test loads the machine on its own.
@Suite(.serialized) struct ConcurrencyTests {
    @Test func eightWritersAtOnceLoseNothing() throws {
        let s = try Sandbox()
        let writers = 8, perWriter = 200
        var loops: [BackgroundProcess] = []
        for k in 1...writers {
            let script = "for i in $(seq 1 \(perWriter)); do collab-admin user add u\(k)-$i --name x >/dev/null || { echo \"failed at $i\" >&2; exit 1; }; done"
            loops.append(try s.start("/bin/sh", ["-c", script]))
        }
        let deadline = monotonicSeconds() + 300
        for (k, loop) in loops.enumerated() {
            let end = try #require(
                loop.wait(timeout: max(0, deadline - monotonicSeconds())), "writer \(k + 1) still running after 300 s")
            #expect(end.status == 0 && !end.signaled, "writer \(k + 1): \(end)")
        }
        let ids = try s.userIds()
        #expect(ids.count == writers * perWriter + 1)
        var expected: Set<String> = ["root"]
        for k in 1...writers { for i in 1...perWriter { expected.insert("u\(k)-\(i)") } }
        #expect(Set(ids) == expected)
        let v = try s.verify()
        #expect(v.status == 0, "\(v.result)")
        #expect(v.record.bool("ok") == true)
        #expect(v.record.int("changes") == writers * perWriter + 1)
        let seqs = try s.changes().map { $0.int("seq") ?? 0 }
        #expect(seqs == Array(1...(writers * perWriter + 1)))
    }

    @Test func aKilledImportLeavesNothingBehind() throws {
        let s = try Sandbox()
        try s.addUsers("ann")
        let usersBefore = try s.userIds()
        let seqBefore = try s.lastSeq()
        var lines: [UInt8] = []
        let count = 200_000
        lines.reserveCapacity(count * 48)
        for i in 1...count { lines += Array("{\"id\":\"imp-\(i)\",\"name\":\"Imported \(i)\",\"groups\":[\"g\(i % 50)\"]}\n".utf8) }
        let file = try s.writeFile("many.ndjson", bytes: lines)
        let importer = try s.start("collab-admin", ["user", "import", file, "-q"])
        let started = monotonicSeconds()
        // Let it run 0.5–1 s, and at least until it has written into the WAL.
        usleep(500_000)
        _ = eventually(timeout: 0.5) { (Sandbox.size(of: s.dbPath + "-wal") ?? 0) > 64 << 10 }
        let ranFor = monotonicSeconds() - started
        try #require(importer.isRunning, "the import finished within \(ranFor) s: grow the input so that it can be killed half way")
        importer.send(SIGKILL)
        let end = try #require(importer.wait(timeout: 10))
        #expect(end.signaled && end.status == SIGKILL, "\(end)")
        #expect(try s.userIds() == usersBefore)
        #expect(try s.lastSeq() == seqBefore)
        try s.fails(1, "user", "show", "imp-1")
        #expect(try s.ok("group", "list").stdout.isEmpty)
        let v = try s.verify()
        #expect(v.status == 0, "\(v.result)")
        #expect(v.record.bool("ok") == true)
        #expect(v.record.int("head_seq") == seqBefore)
        // And the store still takes writes.
        try s.addUsers("bob")
        #expect(try s.lastSeq() == seqBefore + 1)
    }
}
