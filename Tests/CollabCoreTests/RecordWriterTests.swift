import CollabCore
import Testing

@Suite struct RecordWriterTests {
    static let plain = RecordWriter.TableStyle(width: nil, zone: .utc, color: false)

    /// Writes `records` and returns the output.
    private func output(
        _ format: OutputFormat, _ records: [JSONObject], fields: [String]? = nil, template: String? = nil,
        quiet: Bool = false, style: RecordWriter.TableStyle = plain
    ) throws -> String {
        let sink = MemorySink()
        let w = try RecordWriter(format: format, fields: fields, template: template, quiet: quiet, sink: sink, style: style)
        for r in records { try w.write(r) }
        try w.finish()
        #expect(w.written == records.count)
        return sink.text
    }

    let alice = JSONObject([("type", .string("thing")), ("id", .string("alice")), ("name", .string("Alice")), ("n", .int(1))])
    let bob = JSONObject([("type", .string("thing")), ("id", .string("bob")), ("name", .string("Bob")), ("n", .int(2))])

    @Test func ndjson() throws {
        #expect(try output(.ndjson, [alice, bob]) == """
            {"type":"thing","id":"alice","name":"Alice","n":1}
            {"type":"thing","id":"bob","name":"Bob","n":2}

            """)
        #expect(try output(.ndjson, []) == "")
    }

    @Test func json() throws {
        #expect(try output(.json, [alice, bob]) == """
            [
            {"type":"thing","id":"alice","name":"Alice","n":1},
            {"type":"thing","id":"bob","name":"Bob","n":2}
            ]

            """)
        #expect(try output(.json, [alice]) == "[\n{\"type\":\"thing\",\"id\":\"alice\",\"name\":\"Alice\",\"n\":1}\n]\n")
    }

    @Test func jsonOfNothingIsAnEmptyArray() throws {
        let text = try output(.json, [])
        #expect(text == "[]\n")
        #expect(try JSONParser.parse(text) == .array([]))
    }

    @Test func jsonOutputParses() throws {
        let v = try JSONParser.parse(try output(.json, [alice, bob]))
        #expect(v == .array([.object(alice), .object(bob)]))
    }

    @Test func csvQuotesAndCRLF() throws {
        let a = JSONObject([("id", .string("a")), ("note", .string("x,y")), ("tags", .array([.string("p"), .string("q")]))])
        let b = JSONObject([("id", .string("b")), ("note", .string("say \"hi\"\nbye")), ("tags", .array([]))])
        let c = JSONObject([("id", .string("c")), ("note", .string("cr\rhere"))])
        #expect(try output(.csv, [a, b, c]) ==
            "id,note,tags\r\na,\"x,y\",\"p,q\"\r\nb,\"say \"\"hi\"\"\nbye\",\r\nc,\"cr\rhere\",\r\n")
    }

    @Test func csvOfAKnownTypeHasEveryFieldOfTheType() throws {
        // The first user has no email: the column is still there for the second.
        let u1 = JSONObject([("type", .string("user")), ("id", .string("a")), ("name", .string("A"))])
        let u2 = JSONObject([("type", .string("user")), ("id", .string("b")), ("name", .string("B")), ("email", .string("b@x.org"))])
        let text = try output(.csv, [u1, u2])
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "type")
        #expect(header.contains("email"))
        let emailIndex = try #require(header.firstIndex(of: "email"))
        #expect(lines[2].split(separator: ",", omittingEmptySubsequences: false)[emailIndex] == "b@x.org")
        #expect(lines[1].split(separator: ",", omittingEmptySubsequences: false)[emailIndex] == "")
        #expect(lines.count == 4 && lines[3] == "")
    }

    @Test func tsvEscapes() throws {
        let a = JSONObject([("id", .string("a")), ("text", .string("t\tab\nnl\rcr\\bs"))])
        #expect(try output(.tsv, [a]) == "id\ttext\na\tt\\tab\\nnl\\rcr\\\\bs\n")
    }

    @Test func fieldsChooseAndOrderColumns() throws {
        #expect(try output(.ndjson, [alice], fields: ["n", "id", "missing"]) == "{\"n\":1,\"id\":\"alice\"}\n")
        #expect(try output(.csv, [alice, bob], fields: ["name", "id", "missing"]) == "name,id,missing\r\nAlice,alice,\r\nBob,bob,\r\n")
        #expect(try output(.tsv, [alice], fields: ["id", "type"]) == "id\ttype\nalice\tthing\n")
        #expect(try output(.table, [alice, bob], fields: ["name", "type"]) == "NAME   TYPE\nAlice  thing\nBob    thing\n")
    }

    @Test func tableAlignsAndShowsLocalTimes() throws {
        let a = JSONObject([("type", .string("user")), ("id", .string("alice")), ("name", .string("Alice")),
                            ("created", .string("2026-11-23T09:20:00Z"))])
        let b = JSONObject([("type", .string("user")), ("id", .string("bob")), ("name", .string("Bob Longname"))])
        let expected = [
            "ID     NAME          CREATED",
            "alice  Alice         2026-11-23 09:20",
            "bob    Bob Longname  ",
            "",
        ].joined(separator: "\n")
        #expect(try output(.table, [a, b]) == expected)
    }

    @Test func tableCellsLoseNewlinesAndTabs() throws {
        let a = JSONObject([("id", .string("a")), ("note", .string("x\ny\tz"))])
        #expect(try output(.table, [a]) == "ID  NOTE\na   x y z\n")
    }

    @Test func tableFitsTheWidthWithAnEllipsis() throws {
        let a = JSONObject([("id", .string("a")), ("note", .string("abcdefghijklmnopqrstuvwxyz"))])
        let style = RecordWriter.TableStyle(width: 20, zone: .utc, color: false)
        let text = try output(.table, [a], style: style)
        #expect(text == "ID  NOTE\na   abcdefghijklmno…\n")
        for line in text.split(separator: "\n") { #expect(line.count <= 20) }
    }

    @Test func tableWithoutWidthLimitKeepsEverything() throws {
        let a = JSONObject([("id", .string("a")), ("note", .string("abcdefghijklmnopqrstuvwxyz"))])
        #expect(try output(.table, [a]) == "ID  NOTE\na   abcdefghijklmnopqrstuvwxyz\n")
    }

    @Test func tableHeaderInBoldWithColor() throws {
        let style = RecordWriter.TableStyle(width: nil, zone: .utc, color: true)
        let a = JSONObject([("id", .string("a"))])
        #expect(try output(.table, [a], style: style) == "\u{1B}[1mID\u{1B}[0m\na\n")
    }

    @Test func tableOfNothingIsEmpty() throws {
        #expect(try output(.table, []) == "")
    }

    @Test func templateRendersWithoutHTMLEscaping() throws {
        let r = JSONObject([("id", .string("a")), ("title", .string("<b> & \"q\" 'x'")), ("tags", .array([.string("p"), .string("q")]))])
        #expect(try output(.ndjson, [r], template: "{{id}}: {{title}} [{{#tags}}{{.}};{{/tags}}]") == "a: <b> & \"q\" 'x' [p;q;]\n")
    }

    @Test func templateUnderstandsBackslashTAndN() throws {
        #expect(try output(.table, [alice, bob], template: "{{id}}\\t{{n}}") == "alice\t1\nbob\t2\n")
        #expect(try output(.json, [alice], template: "{{id}}\\n") == "alice\n")
        #expect(try output(.csv, [alice], template: "{{id}}\\\\t") == "alice\\t\n")
    }

    @Test func templateWithFieldsSeesOnlyThoseFields() throws {
        #expect(try output(.ndjson, [alice], fields: ["id"], template: "{{id}}/{{name}}") == "alice/\n")
    }

    @Test func badTemplateIsAUsageError() {
        let e = #expect(throws: CollabError.self) {
            try RecordWriter(format: .ndjson, template: "{{#open}}x", sink: MemorySink(), style: Self.plain)
        }
        #expect(e?.kind == .usage)
    }

    @Test(arguments: OutputFormat.allCases)
    func quietPrintsIdsOnly(_ format: OutputFormat) throws {
        let noId = JSONObject([("type", .string("thing"))])
        #expect(try output(format, [alice, noId, bob], quiet: true) == "alice\n\nbob\n")
        #expect(try output(format, [], quiet: true) == "")
    }

    @Test func spoolReplaysInOrder() throws {
        let spool = try Spool()
        try spool.append(alice)
        try spool.append(JSONObject([("id", .string("x\ny"))]))
        try spool.append(bob)
        var out: [JSONObject] = []
        try spool.replay { out.append($0) }
        #expect(out == [alice, JSONObject([("id", .string("x\ny"))]), bob])
    }

    @Test func tableColumnFirstSeenLaterGoesAfterTheFieldItFollows() throws {
        let a = JSONObject([("id", .string("a")), ("name", .string("A"))])
        let b = JSONObject([("id", .string("b")), ("email", .string("e")), ("name", .string("B"))])
        #expect(try output(.table, [a, b]) == "ID  EMAIL  NAME\na          A\nb   e      B\n")
    }
}
