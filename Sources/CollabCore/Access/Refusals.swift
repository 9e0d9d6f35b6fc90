/// Refused actions are recorded in the audit chain as `refusal` records (SPEC §7), in their
/// own transaction, since the refused command's own transaction is rolled back.
package enum Refusals {
    /// The `refusal` record for a refused command.
    package static func record(number: Int64, actor: String, program: String, command: String, reason: String, ts: String) -> JSONObject {
        JSONObject([
            ("type", .string("refusal")), ("id", .string("ref-\(number)")), ("actor", .string(actor)),
            ("program", .string(program)), ("command", .string(command)), ("reason", .string(reason)),
            ("ts", .string(ts)),
        ])
    }

    /// Appends a refusal to the chain.
    package static func log(_ store: Store, actor: String, now: Instant, program: String, command: String, reason: String) throws {
        _ = try store.write(actor: actor, now: now) { tx in
            let n = try tx.nextNumber("refusal")
            let rec = record(number: n, actor: actor, program: program, command: command, reason: reason, ts: tx.timestamp)
            try tx.record(.create, "refusal", "ref-\(n)", rec)
        }
    }
}
