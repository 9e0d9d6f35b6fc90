/// Which changes to read from the chain.
package struct ChangeFilter: Sendable {
    /// Only changes after this seq.
    package var afterSeq: Int64 = 0
    /// Only these record types (all when empty).
    package var types: [String] = []
    /// Only changes by this actor.
    package var actor: String?
    /// Only changes to the record with this id.
    package var recordId: String?
    /// Only changes at or after this time (RFC 3339).
    package var from: String?
    /// Only changes before this time (RFC 3339).
    package var to: String?
    /// At most this many.
    package var limit: Int?

    /// No filter: every change.
    package init() {}
}

/// Reads the audit chain.
package enum AuditLog {
    static let columns = "seq, ts, actor, op, rtype, rid, record, record_hash, prev_hash, hash, redacted"

    /// Streams the changes that match, oldest first. Return false from `body` to stop.
    package static func each(_ sql: SQL, _ filter: ChangeFilter, _ body: (Change) throws -> Bool) throws {
        var query = "SELECT \(columns) FROM changes WHERE seq > ?"
        var args: [SQLValue] = [.int(filter.afterSeq)]
        if !filter.types.isEmpty {
            query += " AND rtype IN (" + filter.types.map { _ in "?" }.joined(separator: ",") + ")"
            args += filter.types.map { .text($0) }
        }
        if let a = filter.actor { query += " AND actor = ?"; args.append(.text(a)) }
        if let r = filter.recordId { query += " AND rid = ?"; args.append(.text(r)) }
        if let f = filter.from { query += " AND ts >= ?"; args.append(.text(f)) }
        if let t = filter.to { query += " AND ts < ?"; args.append(.text(t)) }
        query += " ORDER BY seq"
        if let l = filter.limit { query += " LIMIT ?"; args.append(.int(Int64(l))) }
        try sql.each(query, args) { row in try body(try change(row)) }
    }

    /// The newest seq in the chain (0 when empty).
    package static func lastSeq(_ sql: SQL) throws -> Int64 {
        try sql.int("SELECT max(seq) FROM changes") ?? 0
    }

    static func change(_ row: Row) throws -> Change {
        let text = row.string(6)
        let record: JSONObject
        do {
            record = try JSONParser.parse(text).objectValue ?? JSONObject()
        } catch {
            record = JSONObject([("unreadable", .string(text))])
        }
        var redacted: JSONObject?
        if let r = row.optString(10) { redacted = (try? JSONParser.parse(r))?.objectValue }
        return Change(
            seq: row.int(0), ts: row.string(1), actor: row.string(2), op: ChangeOp(rawValue: row.string(3)) ?? .update,
            recordType: row.string(4), recordId: row.string(5), record: record, recordHash: row.string(7),
            prevHash: row.string(8), hash: row.string(9), redacted: redacted)
    }
}
