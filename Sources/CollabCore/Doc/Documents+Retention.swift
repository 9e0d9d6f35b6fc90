extension Documents {
    /// Disposes of a document for `retention apply` (admins only; call it inside a
    /// savepoint: a refusal may come after its circuits are gone). An archived document
    /// goes once its retain_until has passed; any other goes as `delete` lets it (a draft,
    /// not locked by someone else). Its circuits and their decisions go with it, each
    /// recorded, so that a draft that went through a rejected circuit can go too.
    package static func dispose(_ tx: Transaction, _ actor: Actor, _ text: String) throws -> JSONObject {
        let doc = try requireDocument(tx.sql, text)
        try Access.requireAdmin(actor, "dispose of \(doc.id)")
        try Holds.check(tx.sql, type: "doc", id: doc.id)
        if doc.status == .archived {
            guard let until = doc.retainUntil, until <= tx.timestamp else {
                throw CollabError.conflict("cannot delete \(doc.id): it is archived and kept until \(doc.retainUntil ?? "further notice")")
            }
            try removeCircuits(tx, doc)
            return try removeRows(tx, doc)
        }
        try removeCircuits(tx, doc)
        return try delete(tx, actor, text)
    }

    /// Removes the circuits of a document with their steps and decisions, recording each
    /// decision and circuit deleted.
    static func removeCircuits(_ tx: Transaction, _ doc: Document) throws {
        var circuits: [Circuit] = []
        try Circuits.eachCircuit(tx.sql, doc.id) { circuits.append($0); return true }
        for c in circuits {
            let record = try c.record(tx.sql)
            for d in try Circuits.decisions(tx.sql, c.id) { try tx.record(.delete, "decision", d.id, d.record()) }
            for table in ["decisions", "step_principals", "circuit_steps"] {
                try tx.sql.execute("DELETE FROM \(table) WHERE circuit = ?", [.text(c.id)])
            }
            try tx.sql.execute("DELETE FROM circuits WHERE id = ?", [.text(c.id)])
            try tx.record(.delete, "circuit", c.id, record)
        }
    }
}
