/// A shared calendar: a space (SPEC §7) holding events.
package struct CalendarSpace: Equatable, Sendable {
    package var id: String
    package var title: String
    package var owner: String
    /// The service the calendar belongs to; its members may write.
    package var group: String?
    package var visibility: Visibility
    package var acl: [AccessEntry] = []
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The space for access checks.
    package var space: Space { Space(type: "calendar", id: id, visibility: visibility, owner: owner) }

    /// The `calendar` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("calendar")
        o["id"] = .string(id)
        o["title"] = .string(title)
        o["owner"] = .string(owner)
        o.set("group", group)
        o["visibility"] = .string(visibility.rawValue)
        o["acl"] = .array(acl.map(\.json))
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

/// The calendar domain: calendars, rooms, events and their occurrences.
package enum Cal {
    static let calendarColumns = "id, title, owner, grp, visibility, rev, created, updated"

    static func calendarRow(_ r: Row) -> CalendarSpace {
        CalendarSpace(
            id: r.string(0), title: r.string(1), owner: r.string(2), group: r.optString(3),
            visibility: Visibility(rawValue: r.string(4)) ?? .private, rev: r.int(5), created: r.string(6), updated: r.string(7))
    }

    /// The calendar with this id, with its access list, or nil.
    package static func calendar(_ sql: SQL, _ id: String) throws -> CalendarSpace? {
        guard var c = try sql.first("SELECT \(calendarColumns) FROM calendars WHERE id = ?", [.text(id)], calendarRow) else {
            return nil
        }
        c.acl = try Access.entries(sql, c.space)
        return c
    }

    /// The calendar, checked that `actor` has `level` on it: not found (1) when the actor
    /// may not even read it, refused (77) when reading is all they may do.
    package static func requireCalendar(_ sql: SQL, _ actor: Actor, _ id: String, _ level: AccessLevel = .read, to action: String = "read it")
        throws -> CalendarSpace
    {
        guard let c = try calendar(sql, id), try Access.level(actor, in: c.space, sql) != nil else {
            throw CollabError.notFound("calendar", id)
        }
        if level > .read { try Access.require(actor, level, in: c.space, to: action, sql) }
        return c
    }

    /// Creates a calendar owned by the actor (guests may not). Same attributes again: no-op;
    /// others: conflict unless `update` (owner or manager only).
    package static func addCalendar(
        _ tx: Transaction, _ actor: Actor, id: String, title: String?, visibility: Visibility?, group: String?,
        share: [AccessEntry], key: String?, update: Bool
    ) throws -> (CalendarSpace, WriteOutcome) {
        guard actor.role != .guest else { throw CollabError.denied("\(actor.id) may not add calendars: guests may not") }
        _ = try Slug.validate(id)
        if let title, title.trimmingSpaces.isEmpty { throw CollabError.invalid("title", title, "a title cannot be empty") }
        if visibility == .direct { throw CollabError.invalid("visibility", "direct", "a calendar is public or private") }
        if let group, try tx.sql.int("SELECT 1 FROM groups WHERE id = ?", [.text(group)]) == nil {
            throw CollabError.notFound("group", group)
        }
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "calendar", key: key) {
            return (try calendar(tx.sql, existing)!, .unchanged)
        }
        if var c = try calendar(tx.sql, id) {
            var diff: [String] = []
            if let title, title != c.title { diff.append("title") }
            if let visibility, visibility != c.visibility { diff.append("visibility") }
            if let group, group != c.group { diff.append("group") }
            if diff.isEmpty && share.isEmpty {
                if let key { try ExternalKeys.bind(tx, type: "calendar", key: key, id: id) }
                return (c, .unchanged)
            }
            guard update || diff.isEmpty else {
                throw CollabError.conflict("calendar '\(id)' exists with other values for \(diff.joined(separator: ", ")): use --update to change it")
            }
            try Access.require(actor, .manage, in: c.space, to: "change calendar '\(id)'", tx.sql)
            c.title = title ?? c.title
            c.visibility = visibility ?? c.visibility
            c.group = group ?? c.group
            var changed = !diff.isEmpty
            if let group { changed = try Access.grant(tx, c.space, AccessEntry(.group(group), .write)) || changed }
            for entry in share { changed = try Access.grant(tx, c.space, entry) || changed }
            if let key { try ExternalKeys.bind(tx, type: "calendar", key: key, id: id) }
            guard changed else { return (c, .unchanged) }
            return (try saveCalendar(tx, c, op: .update), .updated)
        }
        let c = CalendarSpace(
            id: id, title: title ?? id, owner: actor.id, group: group, visibility: visibility ?? .private, rev: 1,
            created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO calendars (\(calendarColumns)) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            [.text(c.id), .text(c.title), .text(c.owner), group.map(SQLValue.text) ?? .null, .text(c.visibility.rawValue),
             .text(c.created), .text(c.updated)])
        if let group { try Access.grant(tx, c.space, AccessEntry(.group(group), .write)) }
        for entry in share { try Access.grant(tx, c.space, entry) }
        if let key { try ExternalKeys.bind(tx, type: "calendar", key: key, id: id) }
        let saved = try calendar(tx.sql, id)!
        try tx.record(.create, "calendar", id, saved.record)
        return (saved, .created)
    }

    /// The personal calendar of a user (its id is the user's id), created on first use.
    static func personalCalendar(_ tx: Transaction, _ user: String) throws -> CalendarSpace {
        if let c = try calendar(tx.sql, user) { return c }
        let c = CalendarSpace(
            id: user, title: user, owner: user, group: nil, visibility: .private, rev: 1, created: tx.timestamp,
            updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO calendars (\(calendarColumns)) VALUES (?, ?, ?, NULL, 'private', 1, ?, ?)",
            [.text(c.id), .text(c.title), .text(c.owner), .text(c.created), .text(c.updated)])
        try tx.record(.create, "calendar", c.id, c.record)
        return c
    }

    static func saveCalendar(_ tx: Transaction, _ c: CalendarSpace, op: ChangeOp) throws -> CalendarSpace {
        var c = c
        c.rev += 1
        c.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE calendars SET title = ?, grp = ?, visibility = ?, rev = ?, updated = ? WHERE id = ?",
            [.text(c.title), c.group.map(SQLValue.text) ?? .null, .text(c.visibility.rawValue), .int(c.rev), .text(c.updated), .text(c.id)])
        c.acl = try Access.entries(tx.sql, c.space)
        try tx.record(op, "calendar", c.id, c.record)
        return c
    }

    /// Grants and revokes access to a calendar (manage access needed).
    package static func share(
        _ tx: Transaction, _ actor: Actor, _ id: String, grant: [AccessEntry], revoke: [AccessEntry.Principal]
    ) throws -> CalendarSpace {
        let c = try requireCalendar(tx.sql, actor, id, .manage, to: "share calendar '\(id)'")
        var changed = false
        for entry in grant { changed = try Access.grant(tx, c.space, entry) || changed }
        for p in revoke { changed = try Access.revoke(tx, c.space, p) || changed }
        return changed ? try saveCalendar(tx, c, op: .update) : c
    }

    /// The calendars `actor` may read, in id order.
    package static func eachCalendar(_ sql: SQL, _ actor: Actor, _ body: (CalendarSpace) throws -> Void) throws {
        let cond = Access.readableCondition(actor, spaceType: "calendar", idColumn: "calendars.id", visibilityColumn: "visibility", ownerColumn: "owner")
        try sql.each("SELECT \(calendarColumns) FROM calendars WHERE \(cond.sql) ORDER BY id", cond.args) { r in
            var c = calendarRow(r)
            c.acl = try Access.entries(sql, c.space)
            try body(c)
            return true
        }
    }
}
