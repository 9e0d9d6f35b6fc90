/// Validation circuits (SPEC §9): start, decisions, undo, the inbox, delegations.
package enum Circuits {
    /// The steps of a circuit, in order, with their people.
    package static func steps(_ sql: SQL, _ circuit: String) throws -> [CircuitStep] {
        var steps = try sql.all(
            "SELECT n, kind, mode, state, due FROM circuit_steps WHERE circuit = ? ORDER BY n", [.text(circuit)]
        ) { r in
            CircuitStep(
                n: r.int(0), kind: CircuitStep.Kind(rawValue: r.string(1)) ?? .visa,
                mode: CircuitStep.Mode(rawValue: r.string(2)) ?? .all, state: CircuitStep.State(rawValue: r.string(3)) ?? .waiting,
                due: r.optString(4), users: [], group: nil)
        }
        try sql.each(
            "SELECT n, principal_type, principal_id FROM step_principals WHERE circuit = ? ORDER BY n, principal_id",
            [.text(circuit)]
        ) { r in
            let i = Int(r.int(0)) - 1
            if i >= 0 && i < steps.count {
                if r.string(1) == "group" { steps[i].group = r.string(2) } else { steps[i].users.append(r.string(2)) }
            }
            return true
        }
        return steps
    }

    /// The decisions of a circuit, oldest first.
    package static func decisions(_ sql: SQL, _ circuit: String) throws -> [Decision] {
        try sql.all("SELECT \(Decision.columns) FROM decisions WHERE circuit = ? ORDER BY num", [.text(circuit)], Decision.row)
    }

    /// The newest circuit of a document, if any.
    package static func latest(_ sql: SQL, _ doc: String) throws -> Circuit? {
        try sql.first("SELECT \(Circuit.columns) FROM circuits WHERE doc = ? ORDER BY num DESC", [.text(doc)], Circuit.row)
    }

    /// Calls `body` with each circuit of a document, oldest first.
    package static func eachCircuit(_ sql: SQL, _ doc: String, _ body: (Circuit) throws -> Bool) throws {
        try sql.each("SELECT \(Circuit.columns) FROM circuits WHERE doc = ? ORDER BY num", [.text(doc)]) { try body(Circuit.row($0)) }
    }

    /// The people who may act on a step: its users, or its group's members now.
    static func people(_ sql: SQL, _ step: CircuitStep) throws -> [String] {
        guard let group = step.group else { return step.users }
        return try sql.all("SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id", [.text(group)]) { $0.string(0) }
    }

    /// Starts a circuit on a document's current version, which it freezes (write access;
    /// a draft or a rejected document; not locked by someone else).
    package static func start(
        _ tx: Transaction, _ actor: Actor, _ text: String, steps specs: [String], due: Instant?
    ) throws -> (Circuit, Document) {
        var doc = try Documents.requireDocument(tx.sql, text)
        try Documents.require(tx.sql, actor, .write, doc, to: "start a circuit on \(doc.id)")
        try Documents.checkChangeable(doc, actor, "start a circuit on")
        guard doc.status == .draft || doc.status == .rejected else {
            throw CollabError.conflict("cannot start a circuit on \(doc.id): it is \(doc.status.rawValue), not a draft")
        }
        guard !specs.isEmpty else { throw CollabError.missing("step") }
        var steps = try specs.enumerated().map { try CircuitStep.parse($1, n: Int64($0 + 1)) }
        for step in steps {
            for u in step.users where try tx.sql.int("SELECT 1 FROM users WHERE id = ?", [.text(u)]) == nil {
                throw CollabError.notFound("user", u)
            }
            if let g = step.group, try tx.sql.int("SELECT 1 FROM groups WHERE id = ?", [.text(g)]) == nil {
                throw CollabError.notFound("group", g)
            }
        }
        let num = try tx.nextNumber("circuit")
        var circuit = Circuit(
            id: "circ-\(num)", num: num, doc: doc.id, version: doc.version, sha256: doc.sha256, state: .active,
            startedBy: actor.id, rev: 1, created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO circuits (\(Circuit.columns)) VALUES (?, ?, ?, ?, ?, 'active', ?, 1, ?, ?)",
            [.text(circuit.id), .int(num), .text(doc.id), .int(doc.version), .text(doc.sha256), .text(actor.id),
             .text(tx.timestamp), .text(tx.timestamp)])
        for i in steps.indices {
            steps[i].due = due.map(RFC3339.format)
            steps[i].state = i == 0 ? .active : .waiting
            let s = steps[i]
            try tx.sql.execute(
                "INSERT INTO circuit_steps (circuit, n, kind, mode, state, due) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(circuit.id), .int(s.n), .text(s.kind.rawValue), .text(s.mode.rawValue), .text(s.state.rawValue), .text(s.due)])
            let principals = s.group.map { [("group", $0)] } ?? s.users.map { ("user", $0) }
            for (type, id) in principals {
                try tx.sql.execute(
                    "INSERT INTO step_principals (circuit, n, principal_type, principal_id) VALUES (?, ?, ?, ?)",
                    [.text(circuit.id), .int(s.n), .text(type), .text(id)])
            }
        }
        try tx.record(.create, "circuit", circuit.id, try circuit.record(tx.sql))
        doc.status = .inCircuit
        try Documents.saveDocument(tx, &doc)
        circuit = try requireCircuit(tx.sql, circuit.id)
        return (circuit, doc)
    }

    static func requireCircuit(_ sql: SQL, _ id: String) throws -> Circuit {
        guard let c = try sql.first("SELECT \(Circuit.columns) FROM circuits WHERE id = ?", [.text(id)], Circuit.row) else {
            throw CollabError.notFound("circuit", id)
        }
        return c
    }

    /// Recomputes the steps' and the circuit's states from the decisions still standing,
    /// saves what changed and moves the document's status along.
    static func evaluate(_ tx: Transaction, _ circuit: inout Circuit) throws {
        let standing = try decisions(tx.sql, circuit.id).filter { $0.undone == nil && $0.action != .undo }
        var steps = try self.steps(tx.sql, circuit.id)
        let rejectedAt = standing.first { $0.action == .reject }?.step
        var blocked = false
        for i in steps.indices {
            let s = steps[i]
            let state: CircuitStep.State
            if let r = rejectedAt {
                state = s.n < r ? .done : s.n == r ? .rejected : .waiting
            } else if blocked {
                state = .waiting
            } else {
                let acted = Set(standing.filter { $0.step == s.n && $0.action == s.action }.map { $0.onBehalfOf ?? $0.user })
                let complete: Bool
                switch s.mode {
                case .any: complete = !acted.isEmpty
                case .all: complete = try Set(people(tx.sql, s)).isSubset(of: acted)
                }
                state = complete ? .done : .active
                if !complete { blocked = true }
            }
            if state != s.state {
                steps[i].state = state
                try tx.sql.execute(
                    "UPDATE circuit_steps SET state = ? WHERE circuit = ? AND n = ?", [.text(state.rawValue), .text(circuit.id), .int(s.n)])
            }
        }
        circuit.state = rejectedAt != nil ? .rejected : blocked ? .active : .approved
        circuit.rev += 1
        circuit.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE circuits SET state = ?, rev = ?, updated = ? WHERE id = ?",
            [.text(circuit.state.rawValue), .int(circuit.rev), .text(circuit.updated), .text(circuit.id)])
        try tx.record(.update, "circuit", circuit.id, try circuit.record(tx.sql))
        var doc = try Documents.requireDocument(tx.sql, circuit.doc)
        let status: DocStatus =
            switch circuit.state {
            case .active: .inCircuit
            case .approved: .approved
            case .rejected: .draft
            }
        if doc.status != status {
            doc.status = status
            try Documents.saveDocument(tx, &doc)
        }
    }

    /// The user on whose behalf `actor` may act on `step` now: nil when acting as
    /// themselves. Throws when they may not act (77), or already did (73).
    static func actingFor(
        _ sql: SQL, _ actor: Actor, _ step: CircuitStep, acted: Set<String>, chosen: String?, now: String, verb: String,
        doc: String
    ) throws -> String? {
        let people = try Set(self.people(sql, step))
        var candidates: [String?] = []
        if people.contains(actor.id) && (chosen == nil || chosen == actor.id) { candidates.append(nil) }
        let delegators = try sql.all(
            "SELECT DISTINCT from_user FROM delegations WHERE to_user = ? AND starts <= ? AND ends > ? ORDER BY from_user",
            [.text(actor.id), .text(now), .text(now)]
        ) { $0.string(0) }
        for d in delegators where people.contains(d) && (chosen == nil || chosen == d) && d != actor.id { candidates.append(d) }
        let who = step.group.map { "group \($0)" } ?? step.users.joined(separator: ", ")
        guard !candidates.isEmpty else {
            throw CollabError.denied("\(actor.id) may not \(verb) \(doc): step \(step.n) (\(step.kind.rawValue)) awaits \(who)")
        }
        guard let open = candidates.first(where: { !acted.contains($0 ?? actor.id) }) else {
            throw CollabError.conflict("\(doc): step \(step.n) already has your decision (undo it first to change it)")
        }
        return open
    }

    /// The active circuit of a document, or a conflict.
    static func activeCircuit(_ sql: SQL, _ doc: Document) throws -> Circuit {
        guard let c = try latest(sql, doc.id), c.state == .active else {
            throw CollabError.conflict("\(doc.id) has no circuit in progress")
        }
        return c
    }
}
