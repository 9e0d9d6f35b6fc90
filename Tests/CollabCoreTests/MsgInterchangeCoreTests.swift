import CollabCore
import Testing

/// The format rules of Mattermost and Slack files, line by line.
@Suite struct MsgInterchangeCoreTests {
    @Test(arguments: [
        ("Bonjour <@U1>", "Bonjour @alice"),
        ("<@U9|zed> ici", "@U9 ici"),
        ("voir <#C1|general>", "voir #general"),
        ("<https://exemple.fr|le site>", "le site"),
        ("a &lt; b &amp;&amp; c &gt; d", "a < b && c > d"),
    ])
    func slackText(_ text: String, _ expected: String) {
        #expect(MsgInterchange.slackText(text, ["U1": "alice"]) == expected)
    }

    @Test(arguments: [("Alice.M", "alice.m"), ("jean dupont", "jean-dupont"), ("_x", "x")])
    func slackNamesBecomeSlugs(_ name: String, _ slug: String) {
        #expect(MsgInterchange.slackSlug(name) == slug)
    }

    @Test func aMattermostPostKeepsItsRepliesAndSeconds() throws {
        let line = #"{"type":"post","post":{"team":"t","channel":"plu","user":"bob","message":"hi","create_at":1795425600999,"replies":[{"user":"ann","message":"yo","create_at":1795425601000}]}}"#
        guard case .message(let m) = try MsgInterchange.mattermost(try JSONParser.parse(line).objectValue!) else {
            Issue.record("not a message")
            return
        }
        #expect(m.channel == "plu")
        #expect(m.ts == "2026-11-23T09:20:00Z")
        #expect(m.replies.map(\.body) == ["yo"])
        #expect(m.replies.first?.ts == "2026-11-23T09:20:01Z")
    }

    @Test func badMattermostLinesSayWhatIsWrong() throws {
        func item(_ line: String) throws -> MsgInterchange.Item { try MsgInterchange.mattermost(try JSONParser.parse(line).objectValue!) }
        #expect(throws: CollabError.missing("create_at")) { try item(#"{"type":"post","post":{"channel":"c","user":"u","message":"m"}}"#) }
        #expect(throws: CollabError.self) { try item(#"{"type":"channel","channel":{"name":"c","type":"D"}}"#) }
        #expect(throws: CollabError.self) { try item(#"{"type":"version","version":2}"#) }
        if case .unsupported(let t) = try item(#"{"type":"emoji","emoji":{"name":"x"}}"#) { #expect(t == "emoji") } else { Issue.record("emoji") }
    }
}
