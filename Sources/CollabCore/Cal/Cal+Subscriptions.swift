/// A calendar that mirrors a remote iCalendar address.
package struct Subscription: Equatable, Sendable {
    package var calendar: String
    package var url: String
    package var lastSync: String?
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The `subscription` record; its id is the calendar's.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("subscription")
        o["id"] = .string(calendar)
        o["calendar"] = .string(calendar)
        o["url"] = .string(url)
        o.set("last_sync", lastSync)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }
}

/// What one sync did to a subscribed calendar.
package struct SyncResult: Sendable {
    package var subscription: Subscription
    package var created = 0
    package var updated = 0
    package var deleted = 0
    package var unchanged = 0

    /// The subscription record with the counts.
    package var record: JSONObject {
        var o = subscription.record
        o["created_events"] = .int(Int64(created))
        o["updated_events"] = .int(Int64(updated))
        o["deleted_events"] = .int(Int64(deleted))
        o["unchanged_events"] = .int(Int64(unchanged))
        return o
    }
}

extension Cal {
    static func subscriptionRow(_ r: Row) -> Subscription {
        Subscription(calendar: r.string(0), url: r.string(1), lastSync: r.optString(2), rev: r.int(3), created: r.string(4), updated: r.string(5))
    }

    /// The subscriptions of these calendars (all readable ones when empty), in id order.
    package static func subscriptions(_ sql: SQL, _ actor: Actor, calendars: [String]) throws -> [Subscription] {
        for c in calendars { _ = try requireCalendar(sql, actor, c) }
        let all = try sql.all("SELECT calendar, url, last_sync, rev, created, updated FROM subscriptions ORDER BY calendar", [], subscriptionRow)
        if !calendars.isEmpty {
            for c in calendars where !all.contains(where: { $0.calendar == c }) {
                throw CollabError(.notFound, "calendar '\(c)' has no subscription")
            }
            return all.filter { calendars.contains($0.calendar) }
        }
        return try all.filter { try calendar(sql, $0.calendar).map { try Access.level(actor, in: $0.space, sql) != nil } ?? false }
    }

    /// Subscribes a calendar (manage access) to an address, replacing an earlier one.
    package static func subscribe(_ tx: Transaction, _ actor: Actor, calendar id: String, url: String) throws -> Subscription {
        _ = try requireCalendar(tx.sql, actor, id, .manage, to: "subscribe calendar '\(id)'")
        if var s = try tx.sql.first("SELECT calendar, url, last_sync, rev, created, updated FROM subscriptions WHERE calendar = ?", [.text(id)], subscriptionRow) {
            if s.url == url { return s }
            s.url = url
            s.rev += 1
            s.updated = tx.timestamp
            try tx.sql.execute("UPDATE subscriptions SET url = ?, rev = ?, updated = ? WHERE calendar = ?", [.text(url), .int(s.rev), .text(s.updated), .text(id)])
            try tx.record(.update, "subscription", id, s.record)
            return s
        }
        let s = Subscription(calendar: id, url: url, lastSync: nil, rev: 1, created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO subscriptions (calendar, url, last_sync, rev, created, updated) VALUES (?, ?, NULL, 1, ?, ?)",
            [.text(id), .text(url), .text(s.created), .text(s.updated)])
        try tx.record(.create, "subscription", id, s.record)
        return s
    }

    /// Mirrors the file fetched for a subscription into its calendar: events imported by
    /// UID, and the calendar's events whose UID is no longer in the file deleted.
    package static func sync(_ tx: Transaction, _ actor: Actor, _ s: Subscription, _ bytes: [UInt8], zone: String, report: (CollabError) -> Void) throws -> SyncResult {
        _ = try requireCalendar(tx.sql, actor, s.calendar, .write, to: "sync calendar '\(s.calendar)'")
        var result = SyncResult(subscription: s)
        let imported = try importICS(tx, actor, bytes, calendar: s.calendar, zone: zone, report: report)
        let kept = Set(imported.map(\.event.uid))
        for i in imported {
            switch i.outcome {
            case .created: result.created += 1
            case .updated: result.updated += 1
            case .unchanged: result.unchanged += 1
            }
        }
        let stale = try tx.sql.all("SELECT id, uid FROM events WHERE calendar = ? ORDER BY id", [.text(s.calendar)]) { ($0.string(0), $0.string(1)) }
        for (id, uid) in stale where !kept.contains(uid) {
            _ = try deleteEvent(tx, actor, id)
            result.deleted += 1
        }
        var updated = s
        updated.lastSync = tx.timestamp
        updated.rev += 1
        updated.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE subscriptions SET last_sync = ?, rev = ?, updated = ? WHERE calendar = ?",
            [.text(tx.timestamp), .int(updated.rev), .text(updated.updated), .text(s.calendar)])
        try tx.record(.update, "subscription", s.calendar, updated.record)
        result.subscription = updated
        return result
    }
}
