#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import _CollabTestSupport

/// The audit chain and the change feed (SPEC §8): `audit list`, `audit verify` against a
/// store altered behind collab's back, and `feed --since/--type/--follow`.
@Suite struct AdminAuditTests {
    /// A store with a few writes: 8 changes in all.
    static func store() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("ann", extra: ["--name", "Ann", "--group", "rh"])  // group rh, user ann: 2, 3
        try s.addUsers("bob", extra: ["--name", "Bob"])  // 4
        try s.ok("group", "add", "dev", "--member", "bob")  // group dev, user bob: 5, 6
        try s.ok("user", "update", "ann", "--email", "ann@x.example")  // 7
        try s.ok("user", "disable", "bob")  // 8
        return s
    }

    @Test func theChainLinksEveryChange() throws {
        let s = try Self.store()
        let changes = try s.changes()
        #expect(changes.map { $0.int("seq") } == Array(1...8))
        #expect(changes.map { $0.string("id") } == (1...8).map { "chg-\($0)" })
        #expect(changes.map { "\($0.string("record_type")!):\($0.string("record_id")!):\($0.string("op")!)" } == [
            "user:root:create", "group:rh:create", "user:ann:create", "user:bob:create", "group:dev:create",
            "user:bob:update", "user:ann:update", "user:bob:update",
        ])
        var previous = String(repeating: "0", count: 64)
        for c in changes {
            #expect(c.string("prev_hash") == previous)
            let hash = try #require(c.string("hash"))
            #expect(hash.count == 64 && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            previous = hash
        }
        #expect(changes[7].object("record")?.string("status") == "disabled")
    }

    @Test func verifyPassesAfterWrites() throws {
        let s = try Self.store()
        let v = try s.verify()
        #expect(v.status == 0, "\(v.result)")
        #expect(v.record.string("type") == "verification")
        #expect(v.record.bool("ok") == true)
        #expect(v.record.int("changes") == 8)
        #expect(v.record.int("head_seq") == 8)
        #expect(v.record.string("head_hash") == (try s.changes().last?.string("hash")))
        #expect(v.record.objects("problems")?.isEmpty == true)
        #expect(v.result.stderr.isEmpty)
    }

    @Test func auditListFilters() throws {
        let s = try Self.store()
        #expect(try s.changes("--type", "group").map { $0.string("record_id") } == ["rh", "dev"])
        #expect(try s.changes("--record", "bob").map { $0.int("seq") } == [4, 6, 8])
        #expect(try s.changes("--since", "6").map { $0.int("seq") } == [7, 8])
        #expect(try s.changes("--limit", "2").map { $0.int("seq") } == [1, 2])
        #expect(try s.changes("--actor", "nobody").isEmpty)
        #expect(try s.changes("--actor", "root").count == 8)
        #expect(try s.changes("--from", "2026-11-24T00:00:00Z").isEmpty)
        #expect(try s.changes("--to", "2026-11-24T00:00:00Z").count == 8)
        let bad = try s.fails(65, "audit", "list", "--from", "the day before", env: ["COLLAB_ERRORS": "json"])
        #expect(try bad.errorRecords().first?.string("field") == "from", "\(bad)")
    }

    /// The ways to alter the chain behind collab's back.
    enum Tamper: String, CaseIterable, Sendable {
        case updateRecord, updateActor, deleteMiddle, insertForged, swapSeqs, deleteLast

        var sql: String {
            switch self {
            case .updateRecord: "UPDATE changes SET record = replace(record, '\"Ann\"', '\"Mallory\"') WHERE seq = 3;"
            case .updateActor: "UPDATE changes SET actor = 'ann' WHERE seq = 7;"
            case .deleteMiddle: "DELETE FROM changes WHERE seq = 4;"
            case .insertForged:
                """
                INSERT INTO changes (seq, ts, actor, op, rtype, rid, record, record_hash, prev_hash, hash)
                SELECT 9, ts, 'root', 'create', 'user', 'mallory', replace(record, '"bob"', '"mallory"'), record_hash, hash, hash
                FROM changes WHERE seq = 8;
                """
            case .swapSeqs:
                "UPDATE changes SET seq = 1000 WHERE seq = 4; UPDATE changes SET seq = 4 WHERE seq = 5; UPDATE changes SET seq = 5 WHERE seq = 1000;"
            case .deleteLast: "DELETE FROM changes WHERE seq = 8;"
            }
        }

        /// The seq that a problem must name.
        var seq: Int {
            switch self {
            case .updateRecord: 3
            case .updateActor: 7
            case .deleteMiddle: 5
            case .insertForged: 9
            case .swapSeqs: 4
            case .deleteLast: 8
            }
        }
    }

    @Test(arguments: Tamper.allCases)
    func verifyDetectsTampering(_ tamper: Tamper) throws {
        let s = try Self.store()
        try #require(try s.verify().status == 0)
        try s.sqlite(tamper.sql)
        let v = try s.verify()
        #expect(v.status == 65, "\(v.result)")
        #expect(v.record.string("type") == "verification")
        #expect(v.record.bool("ok") == false, "\(v.result)")
        let problems = try #require(v.record.objects("problems"))
        #expect(!problems.isEmpty, "\(v.result)")
        #expect(problems.allSatisfy { ($0.string("problem") ?? "").isEmpty == false })
        #expect(problems.contains { $0.int("seq") == tamper.seq }, "\(v.result)")
        #expect(v.result.stderr.contains("does not verify"), "\(v.result)")
        // Also as an error record.
        let json = try s.run("collab-admin", ["audit", "verify"], env: ["COLLAB_ERRORS": "json"])
        #expect(try json.errorRecords().last?.int("exit") == 65, "\(json)")
    }

    @Test func feedSinceSeqPrintsOnlyLaterChanges() throws {
        let s = try Self.store()
        let r = try s.ok("feed", "--since", "5")
        #expect(try r.records().map { $0.int("seq") } == [6, 7, 8])
        #expect(try r.records().allSatisfy { $0.string("type") == "change" })
        #expect(try s.ok("feed", "--since", "8").stdout.isEmpty)
        #expect(try s.ok("feed", "--since", "100").stdout.isEmpty)
        #expect(try s.ok("feed").records().count == 8)
        try s.fails(64, "feed", "--since", "-1")
    }

    @Test func feedFiltersByType() throws {
        let s = try Self.store()
        #expect(try s.ok("feed", "--type", "user").records().map { $0.int("seq") } == [1, 3, 4, 6, 7, 8])
        #expect(try s.ok("feed", "--type", "group", "--since", "2").records().map { $0.int("seq") } == [5])
        #expect(try s.ok("feed", "--type", "user", "--type", "group").records().count == 8)
    }

    @Test func feedIsForAdmins() throws {
        let s = try Self.store()
        try s.addUsers("carl")
        try s.fails(77, "feed", env: ["COLLAB_USER": "carl"])
    }

    @Test func followSeesAnotherProcessesChangeAndStopsOnSIGINT() throws {
        let s = try Self.store()
        let seq = try s.lastSeq()
        let follower = try s.start("collab-admin", ["feed", "--since", String(seq), "--follow", "--interval", "100ms"])
        // Let it start and print the (empty) backlog.
        usleep(300_000)
        #expect(follower.isRunning, "\(follower.stderrSoFar)")
        #expect(follower.stdoutSoFar.isEmpty)
        try s.ok("user", "add", "zoe", "--name", "Zoé")
        let seen = eventually(timeout: 2) { follower.stdoutSoFar.contains("\"record_id\":\"zoe\"") }
        #expect(seen, "feed --follow did not print the change within 2 s: \(follower.stdoutSoFar)")
        try s.ok("group", "add", "accueil")
        #expect(eventually(timeout: 2) { follower.stdoutSoFar.contains("\"record_id\":\"accueil\"") })
        follower.send(SIGINT)
        let end = try #require(follower.wait(timeout: 10), "feed --follow did not stop on SIGINT")
        #expect(end.status == 0 && !end.signaled, "\(end)")
        #expect(try end.records().map { $0.int("seq") } == [seq + 1, seq + 2])
        #expect(try end.records().first?.object("record")?.string("name") == "Zoé")
    }

    @Test func auditIsForAdmins() throws {
        let s = try Self.store()
        try s.addUsers("carl")
        try s.fails(77, "audit", "verify", env: ["COLLAB_USER": "carl"])
        try s.fails(77, "audit", "list", env: ["COLLAB_USER": "carl"])
    }
}
