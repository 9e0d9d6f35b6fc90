/// A validation circuit (SPEC §9): ordered steps over one frozen version of a document.
package struct Circuit: Equatable, Sendable {
    /// Where a circuit is.
    package enum State: String, Sendable { case active, approved, rejected }

    package var id: String
    package var num: Int64
    package var doc: String
    package var version: Int64
    package var sha256: String
    package var state: State
    package var startedBy: String
    package var rev: Int64
    package var created: String
    package var updated: String

    static let columns = "id, num, doc, version, sha256, state, started_by, rev, created, updated"

    static func row(_ r: Row) -> Circuit {
        Circuit(
            id: r.string(0), num: r.int(1), doc: r.string(2), version: r.int(3), sha256: r.string(4),
            state: State(rawValue: r.string(5)) ?? .active, startedBy: r.string(6), rev: r.int(7), created: r.string(8),
            updated: r.string(9))
    }

    /// The `circuit` record: its steps, each with the decisions taken on it (the bordereau).
    package func record(_ sql: SQL) throws -> JSONObject {
        var o = JSONObject()
        o["type"] = .string("circuit")
        o["id"] = .string(id)
        o["doc"] = .string(doc)
        o["version"] = .int(version)
        o["sha256"] = .string(sha256)
        let decisions = try Circuits.decisions(sql, id)
        o["steps"] = .array(try Circuits.steps(sql, id).map { step in
            var s = step.json
            s["decisions"] = .array(decisions.filter { $0.step == step.n }.map { .object($0.record(brief: true)) })
            return .object(s)
        })
        o["state"] = .string(state.rawValue)
        o["started_by"] = .string(startedBy)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

/// One step of a circuit.
package struct CircuitStep: Equatable, Sendable {
    /// What the step asks for.
    package enum Kind: String, Sendable, CaseIterable { case visa, signature, seal }
    /// Whether all or any of its people must act.
    package enum Mode: String, Sendable { case all, any }
    /// Where the step is.
    package enum State: String, Sendable { case waiting, active, done, rejected }

    package var n: Int64
    package var kind: Kind
    package var mode: Mode
    package var state: State
    package var due: String?
    /// Named users, or one group.
    package var users: [String]
    package var group: String?

    /// The step as it prints: `who` is the users' ids or `group:ID`.
    var json: JSONObject {
        var o = JSONObject()
        o["n"] = .int(n)
        o["kind"] = .string(kind.rawValue)
        o["who"] = .array(group.map { [.string("group:" + $0)] } ?? users.map(JSONValue.string))
        o["mode"] = .string(mode.rawValue)
        o["state"] = .string(state.rawValue)
        o.set("due", due)
        return o
    }

    /// The action that completes a step of this kind.
    package var action: Decision.Action {
        switch kind {
        case .visa: .approve
        case .signature: .sign
        case .seal: .seal
        }
    }

    /// Parses `visa:bob`, `visa:bob,alice:any`, `visa:group:juridique:all`, `signature:maire`,
    /// `seal:group:direction`. Users default to `all`, a group to `any`; a seal is applied
    /// once by a member of the group that holds the seal key.
    package static func parse(_ text: String, n: Int64) throws -> CircuitStep {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let bad = { (why: String) in CollabError.invalid("step", text, why) }
        guard parts.count >= 2, let kind = Kind(rawValue: parts.removeFirst()) else {
            throw bad("expected KIND:USER[,USER…][:MODE] or KIND:group:GROUP[:MODE], KIND being visa, signature or seal")
        }
        var users: [String] = []
        var group: String?
        if parts.first == "group" {
            parts.removeFirst()
            guard let g = parts.first, !g.isEmpty else { throw bad("a group is needed after 'group:'") }
            group = try Slug.validate(g, field: "step")
            parts.removeFirst()
        } else {
            users = try parts.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map {
                try Slug.validate(String($0), field: "step")
            }
        }
        var mode: Mode = group == nil ? .all : .any
        if let m = parts.first {
            guard let parsed = Mode(rawValue: m) else { throw bad("the mode is all or any") }
            mode = parsed
            parts.removeFirst()
        }
        guard parts.isEmpty else { throw bad("too many parts") }
        if kind == .seal {
            guard group != nil else { throw bad("a seal step names the group that holds the seal: seal:group:GROUP") }
            guard mode == .any else { throw bad("a seal is applied once: its mode is any") }
        }
        if Set(users).count != users.count { throw bad("a user is named twice") }
        return CircuitStep(n: n, kind: kind, mode: mode, state: .waiting, due: nil, users: users, group: group)
    }
}

/// A decision on a step: an approval, a rejection, a signature, a seal, or the undoing of
/// one of them.
package struct Decision: Equatable, Sendable {
    /// What was decided.
    package enum Action: String, Sendable { case approve, reject, sign, seal, undo }

    package var id: String
    package var num: Int64
    package var circuit: String
    package var doc: String
    package var version: Int64
    package var step: Int64
    package var user: String
    package var onBehalfOf: String?
    package var action: Action
    package var ts: String
    package var comment: String?
    /// The canonical JSON statement signed (signatures and seals).
    package var statement: String?
    /// The Ed25519 signature, hex.
    package var signature: String?
    package var key: String?
    /// When it was taken back.
    package var undone: String?

    static let columns =
        "id, num, circuit, doc, version, step, by_user, on_behalf_of, action, ts, comment, statement, signature, key, undone"

    static func row(_ r: Row) -> Decision {
        Decision(
            id: r.string(0), num: r.int(1), circuit: r.string(2), doc: r.string(3), version: r.int(4), step: r.int(5),
            user: r.string(6), onBehalfOf: r.optString(7), action: Action(rawValue: r.string(8)) ?? .approve,
            ts: r.string(9), comment: r.optString(10), statement: r.optString(11), signature: r.optString(12),
            key: r.optString(13), undone: r.optString(14))
    }

    /// The `decision` record (`brief`: without the fields the circuit already gives).
    package func record(brief: Bool = false) -> JSONObject {
        var o = JSONObject()
        if !brief {
            o["type"] = .string("decision")
        }
        o["id"] = .string(id)
        if !brief {
            o["circuit"] = .string(circuit)
            o["doc"] = .string(doc)
            o["version"] = .int(version)
            o["step"] = .int(step)
        }
        o["user"] = .string(user)
        o.set("on_behalf_of", onBehalfOf)
        o["action"] = .string(action.rawValue)
        o["ts"] = .string(ts)
        o.set("comment", comment)
        o.set("signature", signature)
        o.set("key", key)
        o.set("undone", undone)
        return o
    }
}
