/// A message posted in a channel. A reply belongs to the thread of its root message.
/// A deleted message stays as a tombstone: no body, `deleted` set.
package struct Message: Equatable, Sendable {
    /// The number in `msg-N`.
    package var num: Int64
    package var channel: String
    package var author: String
    /// When it was posted.
    package var ts: String
    /// The text; nil once deleted.
    package var body: String?
    /// The number of the thread's root message, for a reply.
    package var thread: Int64?
    /// The users and groups named with `@`, in order of first appearance.
    package var mentions: [String]
    /// Linked documents (`doc-N`).
    package var attachments: [String]
    /// When it was last edited.
    package var edited: String?
    /// When it was deleted.
    package var deleted: String?
    package var rev: Int64
    package var updated: String

    /// The id text, `msg-N`.
    package var id: String { Self.ids.id(num) }

    /// The kind of id of messages.
    package static let ids = SequenceId("msg")

    /// The `message` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("message")
        o["id"] = .string(id)
        o["channel"] = .string(channel)
        o["author"] = .string(author)
        o["ts"] = .string(ts)
        o.set("body", body)
        o.set("thread", thread.map(Self.ids.id))
        if !mentions.isEmpty { o.set("mentions", mentions) }
        if !attachments.isEmpty { o.set("attachments", attachments) }
        o.set("edited", edited)
        o.set("deleted", deleted)
        o["rev"] = .int(rev)
        o["created"] = .string(ts)
        o["updated"] = .string(updated)
        return o
    }

    /// The columns `row` reads, prefixed with the alias `m`.
    static let columns =
        "m.num, m.channel, m.author, m.ts, m.body, m.thread, m.mentions, m.attachments, m.edited, m.deleted, m.rev, m.updated"

    static func row(_ r: Row) -> Message {
        Message(
            num: r.int(0), channel: r.string(1), author: r.string(2), ts: r.string(3), body: r.optString(4),
            thread: r.optInt(5), mentions: split(r.optString(6)), attachments: split(r.optString(7)),
            edited: r.optString(8), deleted: r.optString(9), rev: r.int(10), updated: r.string(11))
    }

    static func split(_ s: String?) -> [String] {
        guard let s, !s.isEmpty else { return [] }
        return s.split(separator: " ").map(String.init)
    }

    static func joined(_ a: [String]) -> SQLValue { a.isEmpty ? .null : .text(a.joined(separator: " ")) }
}

/// `@user` and `@group` mentions in a message's text.
package enum Mentions {
    /// The names after an `@` that starts a word (so `a@b.fr` is not one), in order of
    /// first appearance, without a trailing `.`, `-` or `_` (the end of a sentence).
    package static func candidates(_ text: String) -> [String] {
        var out: [String] = []
        let b = Array(text.utf8)
        var i = 0
        func slugByte(_ c: UInt8) -> Bool {
            (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 46 || c == 95 || c == 45
        }
        func wordByte(_ c: UInt8) -> Bool { slugByte(c) || (c >= 65 && c <= 90) || c >= 128 }
        while i < b.count {
            if b[i] == 64, i == 0 || !wordByte(b[i - 1]) {
                var j = i + 1
                while j < b.count, slugByte(b[j]) { j += 1 }
                var name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                while let last = name.last, last == "." || last == "-" || last == "_" { name.removeLast() }
                if Slug.isValid(name), !out.contains(name) { out.append(name) }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// The candidates that name a user or a group of the store.
    package static func parse(_ sql: SQL, _ text: String) throws -> [String] {
        try candidates(text).filter { name in
            try sql.int("SELECT 1 FROM users WHERE id = ? UNION ALL SELECT 1 FROM groups WHERE id = ?", [.text(name), .text(name)]) != nil
        }
    }
}
