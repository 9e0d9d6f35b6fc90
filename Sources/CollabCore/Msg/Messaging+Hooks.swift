extension Messaging {
    /// Adds an outgoing webhook to a channel (its managers). The same channel, URL and
    /// format again changes nothing.
    package static func addHook(
        _ tx: Transaction, _ actor: Actor, channel id: String, url: String, format: Hook.Format, key: String? = nil
    ) throws -> (Hook, WriteOutcome) {
        if let key, let existing = try ExternalKeys.lookup(tx.sql, type: "hook", key: key) {
            return (try requireHook(tx.sql, existing), .unchanged)
        }
        let c = try requireChannel(tx.sql, id)
        try require(tx.sql, actor, .manage, c, to: "add a webhook to channel '\(id)'")
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > 8, !url.contains(where: { $0 == " " || $0 == "\n" }) else {
            throw CollabError.invalid("url", url, "expected an http:// or https:// address")
        }
        if let h = try tx.sql.first(
            "SELECT \(Hook.columns) FROM hooks h WHERE h.channel = ? AND h.url = ? AND h.format = ?",
            [.text(id), .text(url), .text(format.rawValue)], Hook.row)
        {
            if let key { try ExternalKeys.bind(tx, type: "hook", key: key, id: h.id) }
            return (h, .unchanged)
        }
        let h = Hook(
            num: try tx.nextNumber("hook"), channel: id, url: url, format: format, owner: actor.id, rev: 1,
            created: tx.timestamp, updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO hooks (num, channel, url, format, owner, rev, created, updated) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            [.int(h.num), .text(id), .text(url), .text(format.rawValue), .text(actor.id), .text(tx.timestamp), .text(tx.timestamp)])
        if let key { try ExternalKeys.bind(tx, type: "hook", key: key, id: h.id) }
        try tx.record(.create, "hook", h.id, h.record)
        return (h, .created)
    }

    /// The hook `hook-N` (or `N`), or exit 1.
    package static func requireHook(_ sql: SQL, _ text: String) throws -> Hook {
        let n = try Hook.ids.number(text)
        guard let h = try sql.first("SELECT \(Hook.columns) FROM hooks h WHERE h.num = ?", [.int(n)], Hook.row) else {
            throw CollabError.notFound("hook", text)
        }
        return h
    }

    /// Calls `body` for each hook of the channels `actor` manages (all for admins), in order.
    package static func eachHook(_ sql: SQL, _ actor: Actor, channel: String? = nil, _ body: (Hook) throws -> Void) throws {
        var q = "SELECT \(Hook.columns) FROM hooks h"
        var args: [SQLValue] = []
        if let channel { q += " WHERE h.channel = ?"; args.append(.text(channel)) }
        try sql.each(q + " ORDER BY h.num", args) { r in
            let h = Hook.row(r)
            if let c = try self.channel(sql, h.channel), try level(sql, actor, c) == .manage { try body(h) }
            return true
        }
    }

    /// Removes a hook (its channel's managers); its pending deliveries are cancelled.
    package static func removeHook(_ tx: Transaction, _ actor: Actor, _ text: String) throws -> Hook {
        let h = try requireHook(tx.sql, text)
        let c = try requireChannel(tx.sql, h.channel)
        try require(tx.sql, actor, .manage, c, to: "remove a webhook of channel '\(c.id)'")
        let pending = try tx.sql.all(
            "SELECT \(Delivery.columns) FROM hook_deliveries d WHERE d.hook = ? AND d.state = 'pending' ORDER BY d.num", [.int(h.num)],
            Delivery.row)
        for var d in pending { try settle(tx, &d, .cancelled, status: nil, error: "the hook was removed") }
        try tx.sql.execute("DELETE FROM hooks WHERE num = ?", [.int(h.num)])
        try tx.record(.delete, "hook", h.id, h.record)
        return h
    }

    /// Queues one delivery per hook of the message's channel (in the post's transaction).
    static func queueDeliveries(_ tx: Transaction, _ m: Message) throws {
        let hooks = try tx.sql.all("SELECT h.num FROM hooks h WHERE h.channel = ? ORDER BY h.num", [.text(m.channel)]) { $0.int(0) }
        for hook in hooks {
            let d = Delivery(
                num: try tx.nextNumber("dlv"), hook: hook, msg: m.num, state: .pending, attempts: 0, nextAttempt: tx.timestamp,
                lastStatus: nil, lastError: nil, delivered: nil, created: tx.timestamp, updated: tx.timestamp)
            try tx.sql.execute(
                """
                INSERT INTO hook_deliveries (num, hook, msg, state, attempts, next_attempt, created, updated)
                VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)
                """, [.int(d.num), .int(hook), .int(m.num), .text(d.nextAttempt), .text(d.created), .text(d.updated)])
            try tx.record(.create, "delivery", Delivery.ids.id(d.num), d.record)
        }
    }

    /// The pending deliveries due at `now`, oldest first (at most `limit`).
    package static func dueDeliveries(_ sql: SQL, now: String, limit: Int = 100) throws -> [Delivery] {
        try sql.all(
            "SELECT \(Delivery.columns) FROM hook_deliveries d WHERE d.state = 'pending' AND d.next_attempt <= ? ORDER BY d.num LIMIT ?",
            [.text(now), .int(Int64(limit))], Delivery.row)
    }

    /// Takes a due delivery for one sender: moves its next attempt to `lease`, so that
    /// another `hook deliver` running at the same time leaves it alone. False if another
    /// sender took it first.
    package static func claim(_ tx: Transaction, _ d: Delivery, now: String, lease: String) throws -> Bool {
        try tx.sql.execute(
            "UPDATE hook_deliveries SET next_attempt = ? WHERE num = ? AND state = 'pending' AND next_attempt <= ?",
            [.text(lease), .int(d.num), .text(now)])
        return tx.sql.changes > 0
    }

    /// What a delivery sends: its hook and its message, or nil when either is gone or the
    /// message was deleted (the delivery is then cancelled).
    package static func target(_ sql: SQL, _ d: Delivery) throws -> (Hook, Message)? {
        guard let h = try sql.first("SELECT \(Hook.columns) FROM hooks h WHERE h.num = ?", [.int(d.hook)], Hook.row),
            let m = try sql.first("SELECT \(Message.columns) FROM messages m WHERE m.num = ?", [.int(d.msg)], Message.row),
            m.deleted == nil
        else { return nil }
        return (h, m)
    }

    /// How long to wait after the `attempts`-th failure: 30 s, doubling, at most an hour.
    package static func backoff(afterAttempts attempts: Int64) -> Int64 {
        min(3600, 30 << min(max(attempts - 1, 0), 7))
    }

    /// Records the outcome of an attempt: delivered on 2xx; else pending again after the
    /// backoff, or failed after `maxAttempts`.
    package static func recordAttempt(
        _ tx: Transaction, _ d: Delivery, status: Int?, error: String?, maxAttempts: Int64
    ) throws -> Delivery {
        var d = d
        d.attempts += 1
        if let status, (200..<300).contains(status) {
            d.delivered = tx.timestamp
            try settle(tx, &d, .delivered, status: Int64(status), error: nil)
        } else if d.attempts >= maxAttempts {
            try settle(tx, &d, .failed, status: status.map(Int64.init), error: error)
        } else {
            d.nextAttempt = RFC3339.format(tx.now.adding(seconds: backoff(afterAttempts: d.attempts)))
            try settle(tx, &d, .pending, status: status.map(Int64.init), error: error)
        }
        return d
    }

    /// Cancels a delivery whose message or hook is gone.
    package static func cancel(_ tx: Transaction, _ d: Delivery) throws -> Delivery {
        var d = d
        try settle(tx, &d, .cancelled, status: nil, error: "the message was deleted or the hook removed")
        return d
    }

    private static func settle(_ tx: Transaction, _ d: inout Delivery, _ state: Delivery.State, status: Int64?, error: String?) throws {
        d.state = state
        d.lastStatus = status ?? d.lastStatus
        d.lastError = error
        d.updated = tx.timestamp
        try tx.sql.execute(
            """
            UPDATE hook_deliveries SET state = ?, attempts = ?, next_attempt = ?, last_status = ?, last_error = ?, delivered = ?, updated = ?
            WHERE num = ?
            """,
            [.text(state.rawValue), .int(d.attempts), .text(d.nextAttempt), d.lastStatus.map(SQLValue.int) ?? .null,
             d.lastError.map(SQLValue.text) ?? .null, d.delivered.map(SQLValue.text) ?? .null, .text(d.updated), .int(d.num)])
        try tx.record(.update, "delivery", Delivery.ids.id(d.num), d.record)
    }
}
