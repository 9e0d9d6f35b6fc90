#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing messaging history: collab's own NDJSON records, Mattermost's bulk
/// import JSONL and Slack's export folder, turned into `ChannelImport`/`MessageImport`.
package enum MsgInterchange {
    /// The formats `collab-msg import` reads.
    package enum Format: String, Sendable, CaseIterable {
        case ndjson, mattermost, slack
    }

    // MARK: Native records

    /// A native `channel` or `message` record as an import item.
    package static func native(_ o: JSONObject) throws -> Item {
        switch o["type"]?.stringValue {
        case "channel":
            let id = try string(o, "id")
            var ci = ChannelImport(id: id, title: o["title"]?.stringValue, topic: o["topic"]?.stringValue)
            if let v = o["visibility"]?.stringValue {
                guard let vis = Visibility(rawValue: v) else { throw CollabError.invalid("visibility", v, "expected public, private or direct") }
                ci.visibility = vis
            }
            ci.owner = o["owner"]?.stringValue
            ci.members = try strings(o, "members")
            ci.archived = o["archived"]?.boolValue ?? false
            return .channel(ci)
        case "message":
            var mi = MessageImport(author: try string(o, "author"), ts: try string(o, "ts"), body: o["body"]?.stringValue)
            if let id = o["id"]?.stringValue { mi.num = try number(id, "id") }
            mi.channel = try string(o, "channel")
            if let t = o["thread"]?.stringValue { mi.thread = try number(t, "thread") }
            mi.attachments = try strings(o, "attachments")
            mi.edited = o["edited"]?.stringValue
            mi.deleted = o["deleted"]?.stringValue
            mi.rev = o["rev"]?.intValue
            mi.updated = o["updated"]?.stringValue
            return .message(mi)
        case let t:
            throw CollabError.invalid("type", t ?? "", "expected a channel or message record")
        }
    }

    /// What one input line asks for.
    package enum Item: Sendable {
        case user(UserSpec, channels: [String])
        case channel(ChannelImport)
        case direct([String])
        case message(MessageImport)
        case nothing
        /// An object collab does not keep (Mattermost emoji, schemes, bots …).
        case unsupported(String)
    }

    // MARK: Mattermost bulk JSONL

    /// One line of a Mattermost bulk import file as an import item. Teams are not kept
    /// (collab has none); schemes, emoji and other objects are unsupported.
    package static func mattermost(_ o: JSONObject) throws -> Item {
        guard let type = o["type"]?.stringValue else { throw CollabError.missing("type") }
        if type == "version" {
            guard o["version"]?.intValue == 1 else { throw CollabError.invalid("version", o["version"].map { $0.cellText } ?? "", "expected 1") }
            return .nothing
        }
        guard let body = o[type]?.objectValue else { throw CollabError.missing(type) }
        switch type {
        case "team":
            return .nothing
        case "channel":
            let kind = body["type"]?.stringValue ?? "O"
            guard kind == "O" || kind == "P" else { throw CollabError.invalid("channel.type", kind, "expected O or P") }
            let topic = (body["header"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 } ?? (body["purpose"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 }
            return .channel(ChannelImport(
                id: try string(body, "name"), title: body["display_name"]?.stringValue, topic: topic,
                visibility: kind == "P" ? .private : .public))
        case "user":
            let id = try string(body, "username")
            let full = [body["first_name"]?.stringValue, body["last_name"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            var channels: [String] = []
            for team in body["teams"]?.arrayValue ?? [] {
                for ch in team.objectValue?["channels"]?.arrayValue ?? [] {
                    if let n = ch.objectValue?["name"]?.stringValue { channels.append(n) }
                }
            }
            let nick = body["nickname"]?.stringValue ?? ""
            let name = !full.isEmpty ? full : !nick.isEmpty ? nick : id
            return .user(UserSpec(id: id, name: name, email: body["email"]?.stringValue), channels: channels)
        case "post", "direct_post":
            var mi = try mattermostPost(body)
            if type == "post" {
                mi.channel = try string(body, "channel")
            } else {
                mi.directMembers = try strings(body, "channel_members")
                guard !(mi.directMembers ?? []).isEmpty else { throw CollabError.missing("channel_members") }
            }
            return .message(mi)
        case "direct_channel":
            let members = try strings(body, "members")
            guard !members.isEmpty else { throw CollabError.missing("members") }
            return .direct(members)
        default:
            return .unsupported(type)
        }
    }

    private static func mattermostPost(_ body: JSONObject) throws -> MessageImport {
        guard let ms = body["create_at"]?.intValue else { throw CollabError.missing("create_at") }
        var mi = MessageImport(author: try string(body, "user"), ts: RFC3339.format(Instant(seconds: ms / 1000)), body: try string(body, "message"))
        for r in body["replies"]?.arrayValue ?? [] {
            guard let ro = r.objectValue else { throw CollabError.invalid("replies", r.kindName, "expected objects") }
            mi.replies.append(try mattermostPost(ro))
        }
        return mi
    }

    /// The Mattermost `post` (or `direct_post` when `direct` lists the members) of a root
    /// message and its replies.
    package static func mattermostPost(_ m: Message, replies: [Message], team: String, direct: [String]?) -> JSONObject {
        func post(_ m: Message) -> [(String, JSONValue)] {
            [("user", .string(m.author)), ("message", .string(m.body ?? "")), ("create_at", .int(milliseconds(m.ts)))]
        }
        var fields: [(String, JSONValue)]
        if let direct { fields = [("channel_members", .array(direct.map(JSONValue.string)))] } else {
            fields = [("team", .string(team)), ("channel", .string(m.channel))]
        }
        fields += post(m)
        if !replies.isEmpty { fields.append(("replies", .array(replies.map { .object(JSONObject(post($0))) }))) }
        let type = direct == nil ? "post" : "direct_post"
        return JSONObject([("type", .string(type)), (type, .object(JSONObject(fields)))])
    }

    /// Milliseconds since the epoch of an RFC 3339 time.
    static func milliseconds(_ ts: String) -> Int64 { (RFC3339.parse(ts)?.seconds ?? 0) * 1000 }

    // MARK: Slack export folder

    /// Reads an unzipped Slack export: users.json, channels.json (public), groups.json
    /// (private), dms.json and mpims.json (conversations), and each conversation's folder of
    /// per-day files. Calls `body` with each item, in order: users, channels, then each
    /// channel's messages by time (replies after their parent), with the file and the
    /// index in it for error messages, and for messages their place in Slack's threads.
    package static func slack(_ dir: String, _ body: (Item, String, SlackThread?) throws -> Void) throws {
        let users = try jsonArray(dir + "/users.json", required: true)
        var names: [String: String] = [:]
        for u in users {
            guard let o = u.objectValue, let sid = o["id"]?.stringValue, let name = o["name"]?.stringValue else { continue }
            let id = slackSlug(name)
            names[sid] = id
            let profile = o["profile"]?.objectValue
            let real = o["real_name"]?.stringValue ?? profile?["real_name"]?.stringValue
            try body(.user(UserSpec(id: id, name: (real?.isEmpty ?? true) ? id : real, email: profile?["email"]?.stringValue), channels: []), "users.json", nil)
        }
        func user(_ sid: String?) throws -> String {
            guard let sid, let n = names[sid] else { throw CollabError.invalid("user", sid ?? "", "not in users.json") }
            return n
        }
        var folders: [(folder: String, channel: String?, members: [String]?)] = []
        for (file, visibility) in [("channels.json", Visibility.public), ("groups.json", .private)] {
            for c in try jsonArray(dir + "/" + file, required: file == "channels.json") {
                guard let o = c.objectValue, let name = o["name"]?.stringValue else { continue }
                let members = try (o["members"]?.arrayValue ?? []).map { try user($0.stringValue) }
                let topic = o["topic"]?.objectValue?["value"]?.stringValue ?? o["purpose"]?.objectValue?["value"]?.stringValue
                let ci = ChannelImport(
                    id: slackSlug(name), title: name, topic: (topic?.isEmpty ?? true) ? nil : topic, visibility: visibility,
                    owner: try? user(o["creator"]?.stringValue), members: members, archived: o["is_archived"]?.boolValue ?? false)
                try body(.channel(ci), file, nil)
                folders.append((name, ci.id, nil))
            }
        }
        for file in ["dms.json", "mpims.json"] {
            for c in try jsonArray(dir + "/" + file, required: false) {
                guard let o = c.objectValue else { continue }
                let folder = o["name"]?.stringValue ?? o["id"]?.stringValue ?? ""
                let members = try (o["members"]?.arrayValue ?? []).map { try user($0.stringValue) }
                try body(.direct(members), file, nil)
                folders.append((folder, nil, members))
            }
        }
        for f in folders {
            for day in try dayFiles(dir + "/" + f.folder) {
                let path = f.folder + "/" + day
                for (i, v) in try jsonArray(dir + "/" + path, required: true).enumerated() {
                    guard let o = v.objectValue, o["type"]?.stringValue == "message" else { continue }
                    // Joins, leaves and other events are not messages.
                    if let sub = o["subtype"]?.stringValue, sub != "thread_broadcast", sub != "file_share", sub != "bot_message" { continue }
                    guard let ts = o["ts"]?.stringValue, let secs = Double(ts) else {
                        throw CollabError.invalid("ts", o["ts"]?.cellText ?? "", "\(path) item \(i + 1): expected Slack's seconds.micro")
                    }
                    let text = slackText(o["text"]?.stringValue ?? "", names)
                    guard !text.trimmingSpaces.isEmpty else { continue }
                    var mi = MessageImport(author: try user(o["user"]?.stringValue), ts: RFC3339.format(Instant(seconds: Int64(secs))), body: text)
                    mi.channel = f.channel
                    mi.directMembers = f.members
                    let threadTs = o["thread_ts"]?.stringValue
                    let parent = threadTs.flatMap { $0 == ts ? nil : f.folder + "/" + $0 }
                    try body(.message(mi), "\(path) item \(i + 1)", SlackThread(key: f.folder + "/" + ts, parent: parent))
                }
            }
        }
    }

    /// Where a Slack message sits: its key (folder and ts) and its thread's root's key.
    package struct SlackThread: Sendable {
        package var key: String
        package var parent: String?
    }

    /// Slack's `<@U123>` mentions as `@name`; `<#C1|name>` as `#name`; `&amp;` and co. decoded.
    package static func slackText(_ text: String, _ names: [String: String]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            out += rest[..<open]
            let inner = rest[rest.index(after: open)..<close]
            if inner.hasPrefix("@") {
                let id = inner.dropFirst().split(separator: "|").first.map(String.init) ?? ""
                out += "@" + (names[id] ?? id)
            } else if inner.hasPrefix("#") {
                let parts = inner.dropFirst().split(separator: "|")
                out += "#" + (parts.count > 1 ? String(parts[1]) : String(parts.first ?? ""))
            } else {
                let parts = inner.split(separator: "|")
                out += parts.count > 1 ? String(parts[1]) : String(inner)
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&amp;", with: "&")
    }

    /// A Slack name as a slug: lowercased, other characters as `-`.
    package static func slackSlug(_ name: String) -> String {
        var s = String(name.lowercased().map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) || c == "." || c == "_" || c == "-" ? c : "-"
        })
        while let f = s.first, !(f.isLetter || f.isNumber) { s.removeFirst() }
        return String(s.prefix(64))
    }

    private static func dayFiles(_ folder: String) throws -> [String] {
        guard let d = opendir(folder) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json") { out.append(name) }
        }
        return out.sorted()
    }

    /// The JSON array in a file (exit 74 when unreadable, 65 when not an array).
    static func jsonArray(_ path: String, required: Bool) throws -> [JSONValue] {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            if !required && errno == ENOENT { return [] }
            throw CollabError(.io, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw CollabError(.io, "cannot read '\(path)'") }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let value: JSONValue
        do { value = try bytes.withUnsafeBufferPointer { try JSONParser.parse(bytes: $0) } } catch {
            throw CollabError(.badInput, "\(path): invalid JSON: \(error)")
        }
        guard let a = value.arrayValue else { throw CollabError(.badInput, "\(path): expected a JSON array") }
        return a
    }

    // MARK: Helpers

    static func string(_ o: JSONObject, _ key: String) throws -> String {
        guard let v = o[key] else { throw CollabError.missing(key) }
        guard let s = v.stringValue else { throw CollabError.invalid(key, v.cellText, "expected a string") }
        return s
    }

    static func strings(_ o: JSONObject, _ key: String) throws -> [String] {
        guard let v = o[key] else { return [] }
        guard let a = v.arrayValue else { throw CollabError.invalid(key, v.cellText, "expected an array of strings") }
        return try a.map {
            guard let s = $0.stringValue else { throw CollabError.invalid(key, $0.cellText, "expected a string") }
            return s
        }
    }

    static func number(_ text: String, _ field: String) throws -> Int64 {
        do { return try Message.ids.number(text) } catch { throw CollabError.invalid(field, text, "expected a message id like 'msg-12'") }
    }
}
