/// A room that events book; it cannot be booked twice at once.
package struct Room: Equatable, Sendable {
    package var id: String
    package var name: String
    package var capacity: Int64?
    package var location: String?
    /// The users who may force a booking over another.
    package var managers: [String]
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The `room` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("room")
        o["id"] = .string(id)
        o["name"] = .string(name)
        o.set("capacity", capacity)
        o.set("location", location)
        o.set("managers", managers)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

extension Cal {
    static let roomColumns = "id, name, capacity, location, rev, created, updated"

    static func roomRow(_ sql: SQL, _ r: Row) throws -> Room {
        let id = r.string(0)
        let managers = try sql.all("SELECT user_id FROM room_managers WHERE room_id = ? ORDER BY user_id", [.text(id)]) { $0.string(0) }
        return Room(
            id: id, name: r.string(1), capacity: r.optInt(2), location: r.optString(3), managers: managers, rev: r.int(4),
            created: r.string(5), updated: r.string(6))
    }

    /// The room with this id, or nil.
    package static func room(_ sql: SQL, _ id: String) throws -> Room? {
        var found: Room?
        try sql.each("SELECT \(roomColumns) FROM rooms WHERE id = ?", [.text(id)]) { r in
            found = try roomRow(sql, r)
            return false
        }
        return found
    }

    /// The room, or not found (exit 1).
    package static func requireRoom(_ sql: SQL, _ id: String) throws -> Room {
        guard let r = try room(sql, id) else { throw CollabError.notFound("room", id) }
        return r
    }

    /// Creates a room (admin only). Same attributes again: no-op; others: conflict unless
    /// `update`.
    package static func addRoom(
        _ tx: Transaction, _ actor: Actor, id: String, name: String?, capacity: Int64?, location: String?,
        managers: [String]?, key: String?, update: Bool
    ) throws -> (Room, WriteOutcome) {
        try Access.requireAdmin(actor, "add rooms")
        _ = try Slug.validate(id)
        if let capacity, capacity < 0 { throw CollabError.invalid("capacity", String(capacity), "expected 0 or more") }
        if let name, name.trimmingSpaces.isEmpty { throw CollabError.invalid("name", name, "a name cannot be empty") }
        for m in managers ?? [] where try Directory.user(tx.sql, m) == nil { throw CollabError.notFound("user", m) }
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "room", key: key) {
            return (try requireRoom(tx.sql, existing), .unchanged)
        }
        let wantedManagers = managers.map { Array(Set($0)).sorted() }
        if var r = try room(tx.sql, id) {
            var diff: [String] = []
            if let name, name != r.name { diff.append("name") }
            if let capacity, capacity != r.capacity { diff.append("capacity") }
            if let location, location != r.location { diff.append("location") }
            if let wantedManagers, wantedManagers != r.managers { diff.append("managers") }
            if diff.isEmpty {
                if let key { try ExternalKeys.bind(tx, type: "room", key: key, id: id) }
                return (r, .unchanged)
            }
            guard update else {
                throw CollabError.conflict("room '\(id)' exists with other values for \(diff.joined(separator: ", ")): use --update to change it")
            }
            r.name = name ?? r.name
            r.capacity = capacity ?? r.capacity
            r.location = location ?? r.location
            r.rev += 1
            r.updated = tx.timestamp
            try tx.sql.execute(
                "UPDATE rooms SET name = ?, capacity = ?, location = ?, rev = ?, updated = ? WHERE id = ?",
                [.text(r.name), r.capacity.map(SQLValue.int) ?? .null, r.location.map(SQLValue.text) ?? .null, .int(r.rev),
                 .text(r.updated), .text(id)])
            if let wantedManagers { try setManagers(tx, id, wantedManagers) }
            if let key { try ExternalKeys.bind(tx, type: "room", key: key, id: id) }
            let saved = try requireRoom(tx.sql, id)
            try tx.record(.update, "room", id, saved.record)
            return (saved, .updated)
        }
        try tx.sql.execute(
            "INSERT INTO rooms (\(roomColumns)) VALUES (?, ?, ?, ?, 1, ?, ?)",
            [.text(id), .text(name ?? id), capacity.map(SQLValue.int) ?? .null, location.map(SQLValue.text) ?? .null,
             .text(tx.timestamp), .text(tx.timestamp)])
        try setManagers(tx, id, wantedManagers ?? [])
        if let key { try ExternalKeys.bind(tx, type: "room", key: key, id: id) }
        let saved = try requireRoom(tx.sql, id)
        try tx.record(.create, "room", id, saved.record)
        return (saved, .created)
    }

    static func setManagers(_ tx: Transaction, _ room: String, _ managers: [String]) throws {
        try tx.sql.execute("DELETE FROM room_managers WHERE room_id = ?", [.text(room)])
        for m in managers {
            try tx.sql.execute("INSERT INTO room_managers (room_id, user_id) VALUES (?, ?)", [.text(room), .text(m)])
        }
    }

    /// Every room, in id order.
    package static func eachRoom(_ sql: SQL, _ body: (Room) throws -> Void) throws {
        try sql.each("SELECT \(roomColumns) FROM rooms ORDER BY id") { r in
            try body(try roomRow(sql, r))
            return true
        }
    }
}
