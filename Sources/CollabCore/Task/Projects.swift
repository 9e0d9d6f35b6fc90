/// Reads and writes of projects. Every write checks access and records its change.
package enum Projects {
    /// The project, with its access list, or nil.
    package static func get(_ sql: SQL, _ id: String) throws -> Project? {
        guard var p = try sql.first("SELECT \(Project.columns) FROM projects WHERE id = ?", [.text(id)], Project.init) else {
            return nil
        }
        p.acl = try Access.entries(sql, p.space)
        return p
    }

    /// The project, or exit 1.
    package static func require(_ sql: SQL, _ id: String) throws -> Project {
        guard let p = try get(sql, id) else { throw CollabError.notFound("project", id) }
        return p
    }

    /// The project if `actor` may read it (exit 1 when missing, 77 when not allowed).
    package static func readable(_ sql: SQL, _ actor: Actor, _ id: String) throws -> Project {
        let p = try require(sql, id)
        try Access.require(actor, .read, in: p.space, to: "see project '\(id)'", publicLevel: .write, sql)
        return p
    }

    /// Creates a project (SPEC §3 idempotency: same attributes is a no-op, others a
    /// conflict unless `update`). The owner manages it; `group` gets write access.
    package static func add(
        _ tx: Transaction, _ actor: Actor, id: String, _ spec: ProjectSpec, shares: [AccessEntry] = [], key: String? = nil,
        update: Bool = false
    ) throws -> (Project, WriteOutcome) {
        guard actor.role != .guest else { throw CollabError.denied("\(actor.id) may not add projects: guests may not") }
        let id = try Slug.validate(id, field: "project")
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "project", key: key) {
            if !update { return (try require(tx.sql, existing), .unchanged) }
            guard existing == id else { throw CollabError.conflict("key '\(key)' belongs to project '\(existing)', not '\(id)'") }
        }
        if let existing = try get(tx.sql, id) {
            let diff = differences(spec, existing)
            let missingShares = try shares.filter { e in
                try !Access.entries(tx.sql, existing.space).contains(e)
            }
            if diff.isEmpty && missingShares.isEmpty {
                if let key, try ExternalKeys.lookup(tx.sql, type: "project", key: key) == nil {
                    try ExternalKeys.bind(tx, type: "project", key: key, id: id)
                }
                return (existing, .unchanged)
            }
            guard update else {
                let what = diff + (missingShares.isEmpty ? [] : ["acl"])
                throw CollabError.conflict("project '\(id)' exists with other values for \(what.joined(separator: ", ")): use --update to change it")
            }
            var p = try self.update(tx, actor, id, spec, ifRev: nil)
            for e in missingShares { try Access.grant(tx, p.space, e) }
            if !missingShares.isEmpty { p = try save(tx, p, op: .update, bump: false) }
            if let key, try ExternalKeys.lookup(tx.sql, type: "project", key: key) == nil {
                try ExternalKeys.bind(tx, type: "project", key: key, id: id)
            }
            return (p, .updated)
        }
        guard let title = spec.title, !title.isEmpty else { throw CollabError.missing("title") }
        var p = Project(id: id, title: title, owner: actor.id, visibility: spec.visibility ?? .public, now: tx.timestamp)
        if let owner = spec.owner, !owner.isEmpty, owner != actor.id {
            try Access.requireAdmin(actor, "give a project to another owner")
            try requireUser(tx.sql, owner, field: "owner")
            p.owner = owner
        }
        try apply(tx, spec, to: &p)
        try tx.sql.execute(
            "INSERT INTO projects (\(Project.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values(p))
        if let g = p.group { try Access.grant(tx, p.space, AccessEntry(.group(g), .write)) }
        for e in shares { try Access.grant(tx, p.space, e) }
        if let key { try ExternalKeys.bind(tx, type: "project", key: key, id: id) }
        p.acl = try Access.entries(tx.sql, p.space)
        try tx.record(.create, "project", id, p.record)
        return (p, .created)
    }

    /// Changes a project (manage access needed).
    package static func update(_ tx: Transaction, _ actor: Actor, _ id: String, _ spec: ProjectSpec, ifRev: Int64?) throws -> Project {
        var p = try require(tx.sql, id)
        try Access.require(actor, .manage, in: p.space, to: "change project '\(id)'", publicLevel: .write, tx.sql)
        try Revisions.check("project", id, current: p.rev, expected: ifRev)
        let before = p
        if let owner = spec.owner, !owner.isEmpty, owner != p.owner {
            try Access.requireAdmin(actor, "give a project to another owner")
            try requireUser(tx.sql, owner, field: "owner")
            p.owner = owner
        }
        try apply(tx, spec, to: &p)
        if p == before { return p }
        if p.group != before.group, let g = p.group { try Access.grant(tx, p.space, AccessEntry(.group(g), .write)) }
        return try save(tx, p, op: .update)
    }

    /// Adds entries to (or with `revoke`, removes principals from) the access list.
    package static func share(_ tx: Transaction, _ actor: Actor, _ id: String, _ entries: [AccessEntry], revoke: Bool) throws -> Project {
        let p = try require(tx.sql, id)
        try Access.require(actor, .manage, in: p.space, to: "share project '\(id)'", publicLevel: .write, tx.sql)
        var changed = false
        for e in entries {
            changed = try (revoke ? Access.revoke(tx, p.space, e.principal) : Access.grant(tx, p.space, e)) || changed
        }
        return changed ? try save(tx, p, op: .update) : p
    }

    /// Projects `actor` may read, in id order, streamed.
    package static func each(
        _ sql: SQL, _ actor: Actor, status: ProjectStatus?, group: String?, _ body: (Project) throws -> Bool
    ) throws {
        let cond = Access.readableCondition(actor, spaceType: "project", idColumn: "p.id", visibilityColumn: "p.visibility", ownerColumn: "p.owner")
        var query = "SELECT \(Project.prefixedColumns) FROM projects p WHERE \(cond.sql)"
        var args = cond.args
        if let status {
            query += " AND p.status = ?"
            args.append(.text(status.rawValue))
        }
        if let group {
            query += " AND p.group_id = ?"
            args.append(.text(group))
        }
        query += " ORDER BY p.id"
        try sql.each(query, args) { r in
            var p = Project(r)
            p.acl = try Access.entries(sql, p.space)
            return try body(p)
        }
    }

    /// Progress of a project: tasks by status, overdue, percent done, estimates.
    package static func progress(_ sql: SQL, _ id: String, now: Instant) throws -> JSONObject {
        var counts: [String: Int64] = ["todo": 0, "doing": 0, "blocked": 0, "done": 0, "cancelled": 0]
        var overdue: Int64 = 0
        var estimateDone: Int64 = 0, estimateLeft: Int64 = 0
        let nowText = RFC3339.format(now)
        try sql.each(
            """
            SELECT t.status, t.due, t.estimate_s,
                   EXISTS (SELECT 1 FROM task_deps d JOIN tasks b ON b.n = d.depends WHERE d.task = t.n AND b.status IN ('todo', 'doing'))
            FROM tasks t WHERE t.project = ?
            """, [.text(id)]
        ) { r in
            var status = r.string(0)
            let open = status == "todo" || status == "doing"
            if open && r.bool(3) { status = "blocked" }
            counts[status, default: 0] += 1
            if open, let due = r.optString(1), due < nowText { overdue += 1 }
            let est = r.optInt(2) ?? 0
            if status == "done" { estimateDone += est } else if status != "cancelled" { estimateLeft += est }
            return true
        }
        let total = counts.values.reduce(0, +)
        let countable = total - counts["cancelled"]!
        var o = JSONObject()
        o["total"] = .int(total)
        for s in ["todo", "doing", "blocked", "done", "cancelled"] { o[s] = .int(counts[s]!) }
        o["overdue"] = .int(overdue)
        o["percent_done"] = .int(countable == 0 ? 0 : counts["done"]! * 100 / countable)
        o["estimate_done"] = .string(ISODuration(seconds: estimateDone).iso)
        o["estimate_left"] = .string(ISODuration(seconds: estimateLeft).iso)
        return o
    }

    // MARK: - Helpers

    private static func apply(_ tx: Transaction, _ spec: ProjectSpec, to p: inout Project) throws {
        if let t = spec.title {
            guard !t.isEmpty else { throw CollabError.invalid("title", t, "a project needs a title") }
            p.title = t
        }
        if let d = spec.description { p.description = d.isEmpty ? nil : d }
        if let g = spec.group {
            if g.isEmpty { p.group = nil } else {
                guard try tx.sql.int("SELECT 1 FROM groups WHERE id = ?", [.text(g)]) != nil else {
                    throw CollabError(.badInput, "group '\(g)' does not exist", field: "group")
                }
                p.group = g
            }
        }
        if let v = spec.visibility {
            guard v != .direct else { throw CollabError.invalid("visibility", v.rawValue, "a project is public or private") }
            p.visibility = v
        }
        if let s = spec.status { p.status = s }
        if let d = spec.due { p.due = d.isEmpty ? nil : d }
    }

    private static func differences(_ spec: ProjectSpec, _ p: Project) -> [String] {
        var d: [String] = []
        if let t = spec.title, t != p.title { d.append("title") }
        if let x = spec.description, (x.isEmpty ? nil : x) != p.description { d.append("description") }
        if let g = spec.group, (g.isEmpty ? nil : g) != p.group { d.append("group") }
        if let v = spec.visibility, v != p.visibility { d.append("visibility") }
        if let s = spec.status, s != p.status { d.append("status") }
        if let x = spec.due, (x.isEmpty ? nil : x) != p.due { d.append("due") }
        if let o = spec.owner, !o.isEmpty, o != p.owner { d.append("owner") }
        return d
    }

    private static func values(_ p: Project) -> [SQLValue] {
        [.text(p.id), .text(p.title), .text(p.description), .text(p.owner), .text(p.group), .text(p.visibility.rawValue),
         .text(p.status.rawValue), .text(p.due), .int(p.rev), .text(p.created), .text(p.updated)]
    }

    @discardableResult
    static func save(_ tx: Transaction, _ project: Project, op: ChangeOp, bump: Bool = true) throws -> Project {
        var p = project
        if bump {
            p.rev += 1
            p.updated = tx.timestamp
        }
        try tx.sql.execute(
            """
            UPDATE projects SET title = ?, description = ?, owner = ?, group_id = ?, visibility = ?, status = ?, due = ?,
                rev = ?, updated = ? WHERE id = ?
            """,
            [.text(p.title), .text(p.description), .text(p.owner), .text(p.group), .text(p.visibility.rawValue),
             .text(p.status.rawValue), .text(p.due), .int(p.rev), .text(p.updated), .text(p.id)])
        p.acl = try Access.entries(tx.sql, p.space)
        try tx.record(op, "project", p.id, p.record)
        return p
    }

    static func requireUser(_ sql: SQL, _ id: String, field: String) throws {
        guard try sql.int("SELECT 1 FROM users WHERE id = ?", [.text(id)]) != nil else {
            throw CollabError(.badInput, "\(field) '\(id)' is not a user", field: field)
        }
    }
}
