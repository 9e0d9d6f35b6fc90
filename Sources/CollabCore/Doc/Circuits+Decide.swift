extension Circuits {
    /// Signs a statement: returns the signature (hex) and the key id.
    package typealias Signer = (_ statement: [UInt8], _ signerId: String) throws -> (signature: String, key: String)

    /// The canonical JSON statement a signature covers.
    package static func statement(
        doc: String, version: Int64, sha256: String, step: Int64, signer: String, onBehalfOf: String?, ts: String
    ) -> [UInt8] {
        var o = JSONObject()
        o["doc"] = .string(doc)
        o["version"] = .int(version)
        o["sha256"] = .string(sha256)
        o["step"] = .int(step)
        o["signer"] = .string(signer)
        o.set("on_behalf_of", onBehalfOf)
        o["ts"] = .string(ts)
        return JSONWriter.canonical(.object(o))
    }

    /// Records `action` by `actor` on the active step of the document's circuit, then
    /// moves the circuit on. `forUser` picks whose delegation to use. A rejection needs a
    /// comment, ends the circuit and returns the document to draft. A signature or a seal
    /// needs `signer`.
    package static func decide(
        _ tx: Transaction, _ actor: Actor, _ text: String, _ action: Decision.Action, comment: String?, forUser: String?,
        signer: Signer? = nil
    ) throws -> (Decision, Circuit) {
        let doc = try Documents.requireDocument(tx.sql, text)
        var circuit = try activeCircuit(tx.sql, doc)
        guard let step = try steps(tx.sql, circuit.id).first(where: { $0.state == .active }) else {
            throw CollabError(.internal, "\(circuit.id) is active with no active step (please report)")
        }
        if action == .reject {
            guard let comment, !comment.trimmingSpaces.isEmpty else {
                throw CollabError(.badInput, "a rejection needs a comment (--comment) saying why", field: "comment")
            }
        } else if action != step.action {
            throw CollabError.conflict(
                "\(doc.id): step \(step.n) is a \(step.kind.rawValue): use 'collab-doc \(step.action.rawValue)', not \(action.rawValue)")
        }
        let standing = try decisions(tx.sql, circuit.id).filter {
            $0.undone == nil && $0.step == step.n && $0.action != .undo
        }
        let onBehalfOf = try actingFor(
            tx.sql, actor, step, acted: Set(standing.map { $0.onBehalfOf ?? $0.user }), chosen: forUser, now: tx.timestamp,
            verb: action.rawValue, doc: doc.id)
        let num = try tx.nextNumber("decision")
        var d = Decision(
            id: "dec-\(num)", num: num, circuit: circuit.id, doc: doc.id, version: circuit.version, step: step.n,
            user: actor.id, onBehalfOf: onBehalfOf, action: action, ts: tx.timestamp, comment: comment)
        if action == .sign || action == .seal {
            guard let signer else { throw CollabError(.internal, "no signer for a \(action.rawValue) (please report)") }
            let bytes = statement(
                doc: doc.id, version: circuit.version, sha256: circuit.sha256, step: step.n, signer: actor.id,
                onBehalfOf: onBehalfOf, ts: tx.timestamp)
            let signerId = step.kind == .seal ? "group:" + (step.group ?? "") : actor.id
            let (sig, key) = try signer(bytes, signerId)
            d.statement = String(decoding: bytes, as: UTF8.self)
            d.signature = sig
            d.key = key
        }
        try insert(tx, d)
        try evaluate(tx, &circuit)
        return (d, circuit)
    }

    private static func insert(_ tx: Transaction, _ d: Decision) throws {
        try tx.sql.execute(
            "INSERT INTO decisions (\(Decision.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [.text(d.id), .int(d.num), .text(d.circuit), .text(d.doc), .int(d.version), .int(d.step), .text(d.user),
             .text(d.onBehalfOf), .text(d.action.rawValue), .text(d.ts), .text(d.comment), .text(d.statement),
             .text(d.signature), .text(d.key)])
        try tx.record(.create, "decision", d.id, d.record())
    }

    /// Takes back the acting user's latest decision on the document's newest circuit, as
    /// long as no later step has acted. A rejection cannot be undone (it ended the circuit).
    package static func undo(_ tx: Transaction, _ actor: Actor, _ text: String, comment: String?) throws -> (Decision, Circuit) {
        let doc = try Documents.requireDocument(tx.sql, text)
        guard var circuit = try latest(tx.sql, doc.id) else { throw CollabError.conflict("\(doc.id) has no circuit") }
        let all = try decisions(tx.sql, circuit.id)
        let standing = all.filter { $0.undone == nil && $0.action != .undo }
        guard var mine = standing.last(where: { $0.user == actor.id }) else {
            throw CollabError.conflict("\(doc.id): you have no decision to undo in \(circuit.id)")
        }
        guard mine.action != .reject else {
            throw CollabError.conflict("\(doc.id): a rejection ended \(circuit.id) and cannot be undone; start a new circuit")
        }
        if let later = standing.first(where: { $0.step > mine.step }) {
            throw CollabError.conflict("\(doc.id): step \(later.step) has already acted (\(later.id)); your decision stands")
        }
        if doc.status == .archived || doc.version != circuit.version {
            throw CollabError.conflict("\(doc.id) moved on since \(circuit.id); its decisions stand")
        }
        mine.undone = tx.timestamp
        try tx.sql.execute("UPDATE decisions SET undone = ? WHERE id = ?", [.text(tx.timestamp), .text(mine.id)])
        try tx.record(.update, "decision", mine.id, mine.record())
        let num = try tx.nextNumber("decision")
        let d = Decision(
            id: "dec-\(num)", num: num, circuit: circuit.id, doc: doc.id, version: circuit.version, step: mine.step,
            user: actor.id, onBehalfOf: mine.onBehalfOf, action: .undo, ts: tx.timestamp, comment: comment)
        try insert(tx, d)
        try evaluate(tx, &circuit)
        return (d, circuit)
    }
}
