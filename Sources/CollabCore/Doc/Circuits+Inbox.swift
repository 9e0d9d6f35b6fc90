extension Circuits {
    /// An item of the parapheur's inbox: a document whose active step awaits the user,
    /// directly or for someone who delegated to them.
    package struct Pending: Sendable {
        package var circuit: Circuit
        package var step: CircuitStep
        package var doc: Document
        package var onBehalfOf: String?
        /// The document's tags, and whether it has access entries of its own.
        package var tags: [String]
        package var hasACL: Bool

        /// The document's record.
        package func docRecord(_ sql: SQL) throws -> JSONObject {
            hasACL ? try doc.record(sql) : doc.record(tags: tags, acl: [])
        }
    }

    /// Calls `body` with what awaits `actor` now, in circuit order, streaming: one query
    /// finds the candidates with their documents; only a step that needs everyone, or a
    /// delegation, costs further queries.
    package static func eachPending(_ sql: SQL, _ actor: Actor, now: String, _ body: (Pending) throws -> Bool) throws {
        let me = "SELECT ? UNION SELECT from_user FROM delegations WHERE to_user = ? AND starts <= ? AND ends > ?"
        let args: [SQLValue] = [.text(actor.id), .text(actor.id), .text(now), .text(now)]
        let cols = Circuit.columns.split(separator: ",").map { "c." + $0.trimmingPrefix(" ") }.joined(separator: ", ")
        var last: String?
        try sql.each(
            """
            SELECT \(cols), s.n, s.kind, s.mode, s.due, p.principal_type, p.principal_id, \(Document.aliasedColumns),
              EXISTS (SELECT 1 FROM decisions x WHERE x.circuit = c.id AND x.step = s.n AND x.undone IS NULL
                      AND x.action <> 'undo' AND x.action <> 'reject' AND coalesce(x.on_behalf_of, x.by_user) = ?),
              \(sql.dialect.joined("tag", separator: ",", from: "doc_tags WHERE doc = d.id")),
              EXISTS (SELECT 1 FROM acl WHERE acl.space_type = 'doc' AND acl.space_id = d.id)
            FROM circuits c
            JOIN circuit_steps s ON s.circuit = c.id AND s.state = 'active'
            JOIN step_principals p ON p.circuit = s.circuit AND p.n = s.n
            JOIN documents d ON d.id = c.doc
            WHERE c.state = 'active' AND (
              (p.principal_type = 'user' AND p.principal_id IN (\(me)))
              OR (p.principal_type = 'group' AND p.principal_id IN
                  (SELECT group_id FROM group_members WHERE user_id IN (\(me)))))
            ORDER BY c.num
            """, [.text(actor.id)] + args + args
        ) { r in
            let circuit = Circuit.row(r)
            // A circuit comes once per matching person of its step: the first row decides.
            if circuit.id == last { return true }
            last = circuit.id
            let mode = CircuitStep.Mode(rawValue: r.string(12)) ?? .all
            let type = r.string(14), principal = r.string(15)
            var step = CircuitStep(
                n: r.int(10), kind: CircuitStep.Kind(rawValue: r.string(11)) ?? .visa, mode: mode, state: .active,
                due: r.optString(13), users: [], group: nil)
            let doc = Document.row(r, from: 16)
            let tags = r.string(32).split(separator: ",").map(String.init)
            let hasACL = r.bool(33)
            let direct = (type == "user" && principal == actor.id) || (type == "group" && actor.groups.contains(principal))
            // Someone named by the step, or in its group, who has not acted yet acts for themselves.
            if direct && !r.bool(31) { return try body(Pending(circuit: circuit, step: step, doc: doc, onBehalfOf: nil, tags: tags, hasACL: hasACL)) }
            guard let full = try steps(sql, circuit.id).first(where: { $0.state == .active }) else { return true }
            step = full
            let acted = Set(try decisions(sql, circuit.id).filter {
                $0.undone == nil && $0.step == step.n && $0.action == step.action
            }.map { $0.onBehalfOf ?? $0.user })
            // nil means "as themselves"; an error means the step does not await them.
            let who: String?
            do { who = try actingFor(sql, actor, step, acted: acted, chosen: nil, now: now, verb: "act", doc: circuit.doc) } catch {
                return true
            }
            return try body(Pending(circuit: circuit, step: step, doc: doc, onBehalfOf: who, tags: tags, hasACL: hasACL))
        }
    }

    /// A delegation: `to` may act on `user`'s steps between `from` and `until`.
    package struct Delegation: Sendable {
        package var id: String
        package var user: String
        package var to: String
        package var from: String
        package var until: String
        package var created: String

        /// The `delegation` record.
        package var record: JSONObject {
            JSONObject([
                ("type", .string("delegation")), ("id", .string(id)), ("user", .string(user)), ("to", .string(to)),
                ("from", .string(from)), ("until", .string(until)), ("created", .string(created)),
            ])
        }

        static func row(_ r: Row) -> Delegation {
            Delegation(id: r.string(0), user: r.string(1), to: r.string(2), from: r.string(3), until: r.string(4), created: r.string(5))
        }
    }

    /// Lets `to` act on the acting user's steps from `from` to `until` (an admin may set
    /// one for another user with `user`).
    package static func delegate(
        _ tx: Transaction, _ actor: Actor, user: String?, to: String, from: Instant, until: Instant
    ) throws -> Delegation {
        let user = user ?? actor.id
        if user != actor.id { try Access.requireAdmin(actor, "delegate for \(user)") }
        guard try Directory.user(tx.sql, user) != nil else { throw CollabError.notFound("user", user) }
        guard let target = try Directory.user(tx.sql, to) else { throw CollabError.notFound("user", to) }
        guard target.status == .active else { throw CollabError.invalid("to", to, "the user is disabled") }
        guard to != user else { throw CollabError.invalid("to", to, "one cannot delegate to oneself") }
        guard from < until else {
            throw CollabError.invalid("until", RFC3339.format(until), "the delegation must end after it starts")
        }
        let num = try tx.nextNumber("delegation")
        let d = Delegation(
            id: "dlg-\(num)", user: user, to: to, from: RFC3339.format(from), until: RFC3339.format(until), created: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO delegations (id, num, from_user, to_user, starts, ends, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(d.id), .int(num), .text(d.user), .text(d.to), .text(d.from), .text(d.until), .text(d.created)])
        try tx.record(.create, "delegation", d.id, d.record)
        return d
    }

    /// Calls `body` with the delegations given by or to the acting user (an admin: all),
    /// oldest first; `current` keeps those in force at `now`.
    package static func eachDelegation(
        _ sql: SQL, _ actor: Actor, current: Bool, now: String, _ body: (Delegation) throws -> Bool
    ) throws {
        var cond = actor.isAdmin ? "1 = 1" : "(from_user = ? OR to_user = ?)"
        var args: [SQLValue] = actor.isAdmin ? [] : [.text(actor.id), .text(actor.id)]
        if current {
            cond += " AND starts <= ? AND ends > ?"
            args += [.text(now), .text(now)]
        }
        try sql.each(
            "SELECT id, from_user, to_user, starts, ends, created FROM delegations WHERE \(cond) ORDER BY num", args
        ) { try body(Delegation.row($0)) }
    }
}
