import CollabCore
import Testing
import _CollabTestSupport

@Suite struct AuditTests {
    /// A store whose chain is: 1 user root, 2 user a (by root), 3 group g (by ops),
    /// 4 user b (by ops), 5 refusal ref-1 (by bob).
    private func store() throws -> TestStore {
        let ts = try TestStore()
        _ = try ts.write { tx in try Directory.addUser(tx, ts.admin, UserSpec(id: "a", name: "A")) }
        _ = try ts.write(as: "ops") { tx in try Directory.addGroup(tx, ts.admin, id: "g", name: "G") }
        _ = try ts.write(as: "ops") { tx in try Directory.addUser(tx, ts.admin, UserSpec(id: "b")) }
        try Refusals.log(ts.store, actor: "bob", now: ts.now, program: "collab-admin", command: "user add", reason: "not an admin")
        return ts
    }

    private func verify(_ ts: TestStore) throws -> AuditReport {
        try ts.read { try AuditLog.verify($0) }
    }

    private func tamper(_ ts: TestStore, _ sql: String, _ args: [SQLValue] = []) throws {
        try ts.write { tx in try tx.sql.execute(sql, args) }
    }

    private func changes(_ ts: TestStore, _ f: ChangeFilter) throws -> [Change] {
        var out: [Change] = []
        try ts.read { sql in try AuditLog.each(sql, f) { out.append($0); return true } }
        return out
    }

    @Test func verifyIsOkAfterWrites() throws {
        let ts = try store()
        let r = try verify(ts)
        #expect(r.ok)
        #expect(r.count == 5)
        #expect(r.headSeq == 5)
        #expect(r.problems.isEmpty)
        #expect(r.redacted.isEmpty)
        let all = try changes(ts, ChangeFilter())
        #expect(r.headHash == all.last?.hash)
        #expect(all.first?.prevHash == ChangeLog.genesis)
        for i in 1..<all.count { #expect(all[i].prevHash == all[i - 1].hash) }
        let rec = r.record
        #expect(rec["type"] == .string("verification"))
        #expect(rec["ok"] == .bool(true))
        #expect(rec["changes"] == .int(5))
        #expect(rec["head_seq"] == .int(5))
        #expect(rec["problems"] == .array([]))
    }

    @Test func anEmptyChainIsOk() throws {
        let folder = TemporaryFolder()
        let (store, _) = try Store.create(StoreLocation(path: folder.path + "/c.db"), busyTimeout: 1)
        let r = try store.read { try AuditLog.verify($0) }
        #expect(r.ok)
        #expect(r.count == 0)
        #expect(r.headSeq == 0)
        #expect(r.headHash == ChangeLog.genesis)
    }

    @Test func changedRecordIsDetected() throws {
        let ts = try store()
        try tamper(ts, "UPDATE changes SET record = ? WHERE seq = 2", [.text(#"{"type":"user","id":"a","name":"Evil"}"#)])
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.problems.map(\.seq) == [2])
        #expect(r.problems.first?.problem == "record altered: it does not match the hash kept in the chain")
        #expect(r.record["ok"] == .bool(false))
    }

    @Test func changedEntryFieldIsDetected() throws {
        let ts = try store()
        try tamper(ts, "UPDATE changes SET actor = 'mallory' WHERE seq = 3")
        let r = try verify(ts)
        #expect(r.problems.map(\.seq) == [3])
        #expect(r.problems.first?.problem == "entry altered: its hash does not match its content")
    }

    @Test func deletedMiddleEntryIsDetected() throws {
        let ts = try store()
        try tamper(ts, "DELETE FROM changes WHERE seq = 3")
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.count == 4)
        #expect(r.problems.map(\.seq) == [4, 4])
        #expect(r.problems.map(\.problem) == [
            "entries 3…3 are missing", "does not link to the entry before it (removed, inserted or reordered entries)",
        ])
    }

    @Test func deletedNewestEntryIsDetectedThroughTheHead() throws {
        let ts = try store()
        try tamper(ts, "DELETE FROM changes WHERE seq = 5")
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.problems.map(\.seq) == [5])
        #expect(r.problems.first?.problem == "the newest entries 5…5 were removed")
    }

    @Test func alteredChainHeadIsDetected() throws {
        let ts = try store()
        let all = try changes(ts, ChangeFilter())
        try tamper(ts, "UPDATE meta SET value = ? WHERE key = 'chain_head'", [.text("4:\(all[3].hash)")])
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.problems.map(\.seq) == [5])
        #expect(r.problems.first?.problem == "entries after the recorded head 4 were added outside collab, or the head was altered")

        try tamper(ts, "UPDATE meta SET value = ? WHERE key = 'chain_head'", [.text("5:" + String(repeating: "f", count: 64))])
        let r2 = try verify(ts)
        #expect(r2.problems.map(\.seq) == [5])
    }

    @Test func redactedRecordIsListedNotAProblem() throws {
        let ts = try store()
        let info = #"{"by":"root","at":"2026-11-24T08:00:00Z"}"#
        try tamper(ts, "UPDATE changes SET record = ?, redacted = ? WHERE seq = 2", [.text(#"{"type":"user","id":"a","name":"[redacted]"}"#), .text(info)])
        let r = try verify(ts)
        #expect(r.ok)
        #expect(r.problems.isEmpty)
        #expect(r.redacted.map(\.seq) == [2])
        #expect(r.redacted.first?.info == JSONObject([("by", .string("root")), ("at", .string("2026-11-24T08:00:00Z"))]))
        let listed = r.record["redacted"]?.arrayValue?.first?.objectValue
        #expect(listed?["seq"] == .int(2))
        #expect(listed?["by"] == .string("root"))
        // The change read back carries its redaction.
        var f = ChangeFilter()
        f.recordId = "a"
        let c = try changes(ts, f)
        #expect(c.first?.redacted?["by"] == .string("root"))
        #expect(c.first?.output()["redacted"] != nil)
    }

    @Test func redactionDoesNotHideAnAlteredEntry() throws {
        let ts = try store()
        try tamper(ts, "UPDATE changes SET redacted = '{}', actor = 'mallory' WHERE seq = 2")
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.problems.map(\.seq) == [2])
    }

    @Test func changeFilters() throws {
        let ts = try store()
        func seqs(_ edit: (inout ChangeFilter) -> Void) throws -> [Int64] {
            var f = ChangeFilter()
            edit(&f)
            return try changes(ts, f).map(\.seq)
        }
        #expect(try seqs { _ in } == [1, 2, 3, 4, 5])
        #expect(try seqs { $0.afterSeq = 3 } == [4, 5])
        #expect(try seqs { $0.types = ["group", "refusal"] } == [3, 5])
        #expect(try seqs { $0.types = ["user"] } == [1, 2, 4])
        #expect(try seqs { $0.actor = "ops" } == [3, 4])
        #expect(try seqs { $0.actor = "bob" } == [5])
        #expect(try seqs { $0.recordId = "a" } == [2])
        #expect(try seqs { $0.recordId = "ref-1" } == [5])
        #expect(try seqs { $0.limit = 2 } == [1, 2])
        #expect(try seqs { $0.afterSeq = 1; $0.limit = 2 } == [2, 3])
        #expect(try seqs { $0.actor = "ops"; $0.types = ["user"] } == [4])
        #expect(try seqs { $0.from = "2026-11-23T12:00:00Z" } == [1, 2, 3, 4, 5])
        #expect(try seqs { $0.to = "2026-11-23T12:00:00Z" } == [])
        #expect(try seqs { $0.afterSeq = 5 } == [])
        #expect(try ts.read { try AuditLog.lastSeq($0) } == 5)
    }

    @Test func changesReadBackAsWritten() throws {
        let ts = try store()
        let all = try changes(ts, ChangeFilter())
        let c = all[1]
        #expect(c.seq == 2)
        #expect(c.op == .create)
        #expect(c.recordType == "user")
        #expect(c.recordId == "a")
        #expect(c.actor == "root")
        #expect(c.ts == "2026-11-23T12:00:00Z")
        #expect(c.record["name"] == .string("A"))
        #expect(c.recordHash == ChangeLog.sha256(JSONWriter.canonical(.object(c.record))))
        let out = c.output()
        #expect(out["id"] == .string("chg-2"))
        #expect(out["seq"] == .int(2))
        #expect(out["hash"] == .string(c.hash))
        #expect(out["prev_hash"] == .string(all[0].hash))
        let refusal = all[4]
        #expect(refusal.recordType == "refusal")
        #expect(refusal.record == Refusals.record(number: 1, actor: "bob", program: "collab-admin", command: "user add", reason: "not an admin", ts: "2026-11-23T12:00:00Z"))
    }

    @Test func sha256OfKnownInput() {
        #expect(ChangeLog.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ChangeLog.genesis == String(repeating: "0", count: 64))
    }

    @Test func insertedEntryIsDetected() throws {
        let ts = try store()
        try tamper(ts, """
            INSERT INTO changes (seq, ts, actor, op, rtype, rid, record, record_hash, prev_hash, hash)
            SELECT 6, ts, actor, op, rtype, rid, record, record_hash, prev_hash, hash FROM changes WHERE seq = 5
            """)
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.count == 6)
        #expect(r.problems.map(\.seq) == [6, 6, 6])
        #expect(r.problems.map(\.problem) == [
            "does not link to the entry before it (removed, inserted or reordered entries)",
            "entry altered: its hash does not match its content",
            "entries after the recorded head 5 were added outside collab, or the head was altered",
        ])
    }

    @Test func movedEntriesAreDetected() throws {
        let ts = try store()
        try tamper(ts, "UPDATE changes SET seq = -2 WHERE seq = 2")
        try tamper(ts, "UPDATE changes SET seq = 2 WHERE seq = 3")
        try tamper(ts, "UPDATE changes SET seq = 3 WHERE seq = -2")
        let r = try verify(ts)
        #expect(!r.ok)
        #expect(r.problems.map(\.seq) == [2, 2, 3, 3, 4])
    }
}
