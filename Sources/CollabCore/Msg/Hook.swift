/// An outgoing webhook: every message posted in its channel is sent to its URL.
package struct Hook: Equatable, Sendable {
    /// How the message is sent.
    package enum Format: String, Sendable, CaseIterable {
        /// The `message` record itself.
        case json
        /// `{"text": "AUTHOR: BODY"}`, for a Slack incoming webhook.
        case slack
        /// `{"text": BODY, "username": AUTHOR}`, for a Mattermost incoming webhook.
        case mattermost
    }

    package var num: Int64
    package var channel: String
    package var url: String
    package var format: Format
    package var owner: String
    package var rev: Int64
    package var created: String
    package var updated: String

    /// The kind of id of hooks.
    package static let ids = SequenceId("hook")

    /// The id text, `hook-N`.
    package var id: String { Self.ids.id(num) }

    /// The `hook` record.
    package var record: JSONObject {
        JSONObject([
            ("type", .string("hook")), ("id", .string(id)), ("channel", .string(channel)), ("url", .string(url)),
            ("payload", .string(format.rawValue)), ("owner", .string(owner)), ("rev", .int(rev)), ("created", .string(created)),
            ("updated", .string(updated)),
        ])
    }

    static let columns = "h.num, h.channel, h.url, h.format, h.owner, h.rev, h.created, h.updated"

    static func row(_ r: Row) -> Hook {
        Hook(
            num: r.int(0), channel: r.string(1), url: r.string(2), format: Format(rawValue: r.string(3)) ?? .json,
            owner: r.string(4), rev: r.int(5), created: r.string(6), updated: r.string(7))
    }

    /// The request body for a message.
    package func payload(_ m: Message) -> [UInt8] {
        let value: JSONValue
        switch format {
        case .json: value = .object(m.record)
        case .slack: value = .object(JSONObject([("text", .string("\(m.author): \(m.body ?? "")"))]))
        case .mattermost: value = .object(JSONObject([("text", .string(m.body ?? "")), ("username", .string(m.author))]))
        }
        var out: [UInt8] = []
        JSONWriter.write(value, into: &out)
        return out
    }
}

/// One message to send to one hook, and how its sending went.
package struct Delivery: Equatable, Sendable {
    /// Where a delivery is.
    package enum State: String, Sendable, CaseIterable {
        /// Waiting for its (next) attempt.
        case pending
        /// The receiver answered 2xx: never sent again.
        case delivered
        /// Given up after the most attempts.
        case failed
        /// The message was deleted, or the hook removed, before it was sent.
        case cancelled
    }

    package var num: Int64
    package var hook: Int64
    package var msg: Int64
    package var state: State
    package var attempts: Int64
    package var nextAttempt: String
    package var lastStatus: Int64?
    package var lastError: String?
    package var delivered: String?
    package var created: String
    package var updated: String

    /// The kind of id of deliveries.
    package static let ids = SequenceId("dlv")

    /// The `delivery` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("delivery")
        o["id"] = .string(Self.ids.id(num))
        o["hook"] = .string(Hook.ids.id(hook))
        o["message"] = .string(Message.ids.id(msg))
        o["state"] = .string(state.rawValue)
        o["attempts"] = .int(attempts)
        if state == .pending { o["next_attempt"] = .string(nextAttempt) }
        o.set("last_status", lastStatus)
        o.set("last_error", lastError)
        o.set("delivered", delivered)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    static let columns = "d.num, d.hook, d.msg, d.state, d.attempts, d.next_attempt, d.last_status, d.last_error, d.delivered, d.created, d.updated"

    static func row(_ r: Row) -> Delivery {
        Delivery(
            num: r.int(0), hook: r.int(1), msg: r.int(2), state: State(rawValue: r.string(3)) ?? .pending, attempts: r.int(4),
            nextAttempt: r.string(5), lastStatus: r.optInt(6), lastError: r.optString(7), delivered: r.optString(8),
            created: r.string(9), updated: r.string(10))
    }
}
