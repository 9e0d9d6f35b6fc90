/// What a change did to its record.
package enum ChangeOp: String, Sendable, CaseIterable {
    case create, update, delete
}

/// One entry of the audit chain (SPEC §8): what changed, who did it, and the hashes that
/// link it to the entry before.
package struct Change: Equatable, Sendable {
    /// Position in the chain, from 1; 0 for a dry run (nothing was written).
    package var seq: Int64
    /// When it was written.
    package var ts: String
    /// Who acted.
    package var actor: String
    /// What happened.
    package var op: ChangeOp
    /// The type of the record changed (`user`, `group`, `refusal` …).
    package var recordType: String
    /// The id of the record changed.
    package var recordId: String
    /// The record after the change (before it, for a delete).
    package var record: JSONObject
    /// SHA-256 of the record's canonical JSON, kept even if the record is later redacted.
    package var recordHash: String
    /// The hash of the entry before ("000…0" for the first).
    package var prevHash: String
    /// SHA-256 of this entry's canonical form, which includes `prevHash`.
    package var hash: String
    /// When and by whom the record was redacted (GDPR erasure), if it was.
    package var redacted: JSONObject?

    /// The `change` record printed by `feed`, `audit list` and `--dry-run`
    /// (a dry run has no seq and no hashes).
    package func output(dryRun: Bool = false) -> JSONObject {
        var o = JSONObject()
        o["type"] = .string("change")
        if !dryRun {
            o["id"] = .string("chg-\(seq)")
            o["seq"] = .int(seq)
        } else {
            o["id"] = .string("chg-dry-run")
        }
        o["ts"] = .string(ts)
        o["actor"] = .string(actor)
        o["op"] = .string(op.rawValue)
        o["record_type"] = .string(recordType)
        o["record_id"] = .string(recordId)
        o["record"] = .object(record)
        if !dryRun {
            o["hash"] = .string(hash)
            o["prev_hash"] = .string(prevHash)
        }
        if let redacted { o["redacted"] = .object(redacted) }
        return o
    }
}

/// The last entry of the chain, also kept in `meta` so that removing the newest entries
/// is detected.
struct ChainHead: Equatable {
    var seq: Int64
    var hash: String
}
