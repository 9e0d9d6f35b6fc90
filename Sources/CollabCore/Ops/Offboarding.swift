/// A departure: `collab-admin user disable USER --transfer-to HEIR` hands everything the
/// user holds alone to their heir, in the caller's transaction, then disables them.
package enum Offboarding {
    /// Moves to `heir`: the user's open tasks (todo, doing), the projects and documents they
    /// own, their place in the steps of active circuits that are still to act, the management
    /// of their rooms and the ownership of their channels; removes them from private channels;
    /// disables them. Calls `moved` with each record in its new state, the user last.
    /// Admin only. The heir must be another active user.
    package static func transfer(
        _ tx: Transaction, _ actor: Actor, _ userId: String, to heirId: String, _ moved: (JSONObject) throws -> Void
    ) throws {
        try Access.requireAdmin(actor, "disable users")
        let user = try Directory.requireUser(tx.sql, userId)
        let heir = try Directory.requireUser(tx.sql, heirId)
        guard heir.id != user.id else {
            throw CollabError.invalid("transfer-to", heirId, "the heir must be someone else than the user who leaves")
        }
        guard heir.status == .active else {
            throw CollabError.conflict("cannot transfer to '\(heir.id)': that user is disabled")
        }
        // Reads and writes go through each domain's own functions, with an admin's rights.
        let admin = Actor(id: actor.id, role: .admin)
        let sql = tx.sql
        let u = [SQLValue.text(user.id)]

        // Tasks assigned and still open (blocked is derived from todo).
        let tasks = try sql.all(
            "SELECT n FROM tasks WHERE assignee = ? AND status IN ('todo', 'doing') ORDER BY n", u) { $0.int(0) }
        for n in tasks {
            var spec = TaskSpec()
            spec.assignee = heir.id
            let t = try Tasks.update(tx, admin, "task-\(n)", spec)
            try moved(t.record(urgency: Urgency(t, now: tx.now)))
        }

        // Projects owned.
        for id in try sql.all("SELECT id FROM projects WHERE owner = ? ORDER BY id", u, { $0.string(0) }) {
            var spec = ProjectSpec()
            spec.owner = heir.id
            try moved(try Projects.update(tx, admin, id, spec, ifRev: nil).record)
        }

        // Documents owned.
        for id in try sql.all("SELECT id FROM documents WHERE owner = ? ORDER BY num", u, { $0.string(0) }) {
            try sql.execute("UPDATE documents SET owner = ? WHERE id = ?", [.text(heir.id), .text(id)])
            var d = try Documents.requireDocument(sql, id)
            try Documents.saveDocument(tx, &d)
            try moved(try d.record(sql))
        }

        // Steps of active circuits that are still to act (waiting or active) and name the user.
        let steps = try sql.all(
            """
            SELECT p.circuit, p.n FROM step_principals p
            JOIN circuit_steps s ON s.circuit = p.circuit AND s.n = p.n
            JOIN circuits c ON c.id = p.circuit
            WHERE p.principal_type = 'user' AND p.principal_id = ? AND c.state = 'active' AND s.state IN ('waiting', 'active')
            ORDER BY c.num, p.n
            """, u) { ($0.string(0), $0.int(1)) }
        var circuits: [String] = []
        for (circuit, n) in steps {
            try sql.execute(
                "DELETE FROM step_principals WHERE circuit = ? AND n = ? AND principal_type = 'user' AND principal_id = ?",
                [.text(circuit), .int(n), .text(user.id)])
            try sql.execute(
                """
                INSERT INTO step_principals (circuit, n, principal_type, principal_id) VALUES (?, ?, 'user', ?)
                ON CONFLICT DO NOTHING
                """, [.text(circuit), .int(n), .text(heir.id)])
            if !circuits.contains(circuit) { circuits.append(circuit) }
        }
        for id in circuits {
            try sql.execute(
                "UPDATE circuits SET rev = rev + 1, updated = ? WHERE id = ?", [.text(tx.timestamp), .text(id)])
            let record = try Circuits.requireCircuit(sql, id).record(sql)
            try tx.record(.update, "circuit", id, record)
            try moved(record)
        }

        // Rooms managed.
        for room in try sql.all("SELECT room_id FROM room_managers WHERE user_id = ? ORDER BY room_id", u, { $0.string(0) }) {
            try sql.execute("DELETE FROM room_managers WHERE room_id = ? AND user_id = ?", [.text(room), .text(user.id)])
            try sql.execute(
                "INSERT INTO room_managers (room_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [.text(room), .text(heir.id)])
            try sql.execute("UPDATE rooms SET rev = rev + 1, updated = ? WHERE id = ?", [.text(tx.timestamp), .text(room)])
            let record = try Cal.requireRoom(sql, room).record
            try tx.record(.update, "room", room, record)
            try moved(record)
        }

        // Channels owned (but direct conversations) go to the heir, with manage access.
        for id in try sql.all(
            "SELECT id FROM channels WHERE owner = ? AND visibility <> 'direct' ORDER BY id", u, { $0.string(0) })
        {
            var changes = Messaging.ChannelChanges()
            changes.owner = heir.id
            try moved(try Messaging.updateChannel(tx, admin, id, changes).record)
        }

        // Private channels: the user leaves them (and their access list).
        for id in try sql.all(
            """
            SELECT c.id FROM channels c JOIN channel_members m ON m.channel = c.id
            WHERE m.user_id = ? AND c.visibility = 'private' ORDER BY c.id
            """, u, { $0.string(0) })
        {
            let (c, changed) = try Messaging.remove(tx, admin, id, [user.id])
            if changed { try moved(c.record) }
        }

        let (disabled, _) = try Directory.setStatus(tx, actor, user.id, .disabled)
        try moved(disabled.record)
    }
}
