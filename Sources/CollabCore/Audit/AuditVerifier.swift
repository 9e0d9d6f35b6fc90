/// The result of `audit verify`.
package struct AuditReport: Sendable {
    /// How many entries were checked.
    package var count: Int64 = 0
    /// The last entry's seq and hash.
    package var headSeq: Int64 = 0
    package var headHash: String = ChangeLog.genesis
    /// Entries whose record was redacted by an erasure: seq, and who and when.
    package var redacted: [(seq: Int64, info: JSONObject)] = []
    /// What is wrong: seq and a sentence.
    package var problems: [(seq: Int64, problem: String)] = []
    /// How many problems were found in all (the list keeps the first 1000).
    package var problemCount = 0

    /// Whether the chain is whole.
    package var ok: Bool { problemCount == 0 }

    /// The `verification` record printed by `audit verify`.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("verification")
        o["id"] = .string("audit")
        o["ok"] = .bool(ok)
        o["changes"] = .int(count)
        o["head_seq"] = .int(headSeq)
        o["head_hash"] = .string(headHash)
        o["redacted"] = .array(redacted.map { r in
            var e = r.info
            e["seq"] = .int(r.seq)
            return .object(e)
        })
        o["problems"] = .array(problems.map { .object(JSONObject([("seq", .int($0.seq)), ("problem", .string($0.problem))])) })
        if problemCount > problems.count { o["problem_count"] = .int(Int64(problemCount)) }
        return o
    }

    mutating func add(_ seq: Int64, _ problem: String) {
        problemCount += 1
        if problems.count < 1000 { problems.append((seq, problem)) }
    }
}

extension AuditLog {
    /// Re-checks the whole chain in one pass: every entry's hash, its link to the previous
    /// one, the sequence without gaps, each record against its kept hash (unless redacted),
    /// and the newest entry against the head saved beside the chain. Detects an entry
    /// altered, removed, inserted or moved.
    package static func verify(_ sql: SQL) throws -> AuditReport {
        var report = AuditReport()
        var expectedSeq: Int64 = 1
        var prevHash = ChangeLog.genesis
        try sql.each("SELECT seq, ts, actor, op, rtype, rid, record, record_hash, prev_hash, hash, redacted FROM changes ORDER BY seq") { row in
            let seq = row.int(0)
            report.count += 1
            if seq != expectedSeq {
                report.add(seq, seq > expectedSeq ? "entries \(expectedSeq)…\(seq - 1) are missing" : "entry out of order (expected \(expectedSeq))")
            }
            let stored = row.string(9), recordHash = row.string(7), linked = row.string(8)
            if linked != prevHash {
                report.add(seq, "does not link to the entry before it (removed, inserted or reordered entries)")
            }
            let recomputed = ChangeLog.entryHash(
                seq: seq, ts: row.string(1), actor: row.string(2), op: row.string(3), type: row.string(4),
                id: row.string(5), recordHash: recordHash, prevHash: linked)
            if recomputed != stored {
                report.add(seq, "entry altered: its hash does not match its content")
            }
            let recordText = row.string(6)
            let actual: String
            if let v = try? JSONParser.parse(recordText) {
                actual = ChangeLog.sha256(JSONWriter.canonical(v))
            } else {
                actual = ""
            }
            if let red = row.optString(10) {
                let info = (try? JSONParser.parse(red))?.objectValue ?? JSONObject()
                report.redacted.append((seq, info))
            } else if actual != recordHash {
                report.add(seq, "record altered: it does not match the hash kept in the chain")
            }
            prevHash = stored
            expectedSeq = seq + 1
            report.headSeq = seq
            report.headHash = stored
            return true
        }
        let head = try ChangeLog.readHead(sql)
        if head.seq != report.headSeq || head.hash != report.headHash {
            if head.seq > report.headSeq {
                report.add(report.headSeq + 1, "the newest entries \(report.headSeq + 1)…\(head.seq) were removed")
            } else {
                report.add(report.headSeq, "entries after the recorded head \(head.seq) were added outside collab, or the head was altered")
            }
        }
        return report
    }
}
