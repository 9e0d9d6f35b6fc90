internal import Crypto

/// Appends change records to the audit chain, inside the caller's transaction.
package enum ChangeLog {
    /// The previous hash of the first entry.
    package static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 of bytes, as lowercase hex.
    package static func sha256(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        var out = ""
        out.reserveCapacity(64)
        for b in digest {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 15)])
        }
        return out
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// The hash of an entry: covers its position, time, actor, operation, record identity,
    /// the record's hash (not the record: so a redaction keeps the chain whole) and the
    /// previous hash.
    static func entryHash(
        seq: Int64, ts: String, actor: String, op: String, type: String, id: String,
        recordHash: String, prevHash: String
    ) -> String {
        let entry = JSONObject([
            ("seq", .int(seq)), ("ts", .string(ts)), ("actor", .string(actor)), ("op", .string(op)),
            ("record_type", .string(type)), ("record_id", .string(id)),
            ("record_hash", .string(recordHash)), ("prev_hash", .string(prevHash)),
        ])
        return sha256(JSONWriter.canonical(.object(entry)))
    }

    static func readHead(_ sql: SQL) throws -> ChainHead {
        if let text = try sql.string("SELECT value FROM meta WHERE key = 'chain_head'"),
            let colon = text.firstIndex(of: ":"), let seq = Int64(text[..<colon])
        {
            return ChainHead(seq: seq, hash: String(text[text.index(after: colon)...]))
        }
        return ChainHead(seq: 0, hash: genesis)
    }
}

extension Transaction {
    /// Appends one change to the chain: call it once for every record a write changes.
    package func record(_ op: ChangeOp, _ type: String, _ id: String, _ record: JSONObject) throws {
        let head = try head ?? ChangeLog.readHead(sql)
        let seq = head.seq + 1
        let recordText = JSONWriter.compact(record)
        let recordHash = ChangeLog.sha256(JSONWriter.canonical(.object(record)))
        let hash = ChangeLog.entryHash(
            seq: seq, ts: timestamp, actor: actor, op: op.rawValue, type: type, id: id,
            recordHash: recordHash, prevHash: head.hash)
        try sql.execute(
            """
            INSERT INTO changes (seq, ts, actor, op, rtype, rid, record, record_hash, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.int(seq), .text(timestamp), .text(actor), .text(op.rawValue), .text(type), .text(id),
             .text(recordText), .text(recordHash), .text(head.hash), .text(hash)])
        self.head = ChainHead(seq: seq, hash: hash)
        changeCount += 1
        guard isDryRun else { return }
        changes.append(
            Change(
                seq: seq, ts: timestamp, actor: actor, op: op, recordType: type, recordId: id, record: record,
                recordHash: recordHash, prevHash: head.hash, hash: hash, redacted: nil))
    }

    /// Saves the chain head; called once when the write's body has succeeded.
    func finish() throws {
        try saveSequences()
        guard let head else { return }
        try sql.execute(
            "INSERT INTO meta (key, value) VALUES ('chain_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [.text("\(head.seq):\(head.hash)")])
    }
}
