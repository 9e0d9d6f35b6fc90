import CollabCore
import Testing

@Suite struct IdsTests {
    @Test func argumentsWithoutDashAreKeptAndStdinNotRead() throws {
        var read = false
        let out = try IdInput.expand(["a", "b"], stdin: { read = true; return try fileLineReader("x\n") }())
        #expect(out == ["a", "b"])
        #expect(!read)
    }

    @Test func dashReadsBareIdsAndRecordsInOrder() throws {
        let input = "task-1\n\n  task-2  \r\n{\"type\":\"task\",\"id\":\"task-3\",\"title\":\"x\"}\n42\n"
        let out = try IdInput.expand(["first", "-", "last", "-"], stdin: try fileLineReader(input))
        #expect(out == ["first", "task-1", "task-2", "task-3", "42", "last"])
    }

    @Test func recordWithoutIdIsAnErrorWithItsLine() throws {
        let input = "a\n{\"type\":\"task\",\"title\":\"x\"}\nb\n"
        let e = #expect(throws: CollabError.self) { try IdInput.expand(["-"], stdin: try fileLineReader(input)) }
        #expect(e?.kind == .badInput)
        #expect(e?.inputLine == 2)
        #expect(e?.field == "id")
        #expect(e?.message == "line 2: the record has no string 'id'")
    }

    @Test func recordWithANumberIdIsAnError() throws {
        let e = #expect(throws: CollabError.self) { try IdInput.expand(["-"], stdin: try fileLineReader("{\"id\":3}\n")) }
        #expect(e?.inputLine == 1)
    }

    @Test func invalidJSONRecordLineIsAnError() throws {
        let e = #expect(throws: CollabError.self) { try IdInput.expand(["-"], stdin: try fileLineReader("ok\n{\"id\":\n")) }
        #expect(e?.kind == .badInput)
        #expect(e?.inputLine == 2)
    }

    @Test func severalBadLinesAreCountedAndTheFirstNamed() throws {
        let input = "a\n{}\nb\n{\"x\":1}\n"
        let e = #expect(throws: CollabError.self) { try IdInput.expand(["-"], stdin: try fileLineReader(input)) }
        #expect(e?.inputLine == 2)
        #expect(e?.message == "2 bad input lines; first: line 2: the record has no string 'id'")
    }

    @Test func invalidUTF8LineIsAnError() throws {
        let bytes: [UInt8] = Array("a\n".utf8) + [0xFF, 0x0A]
        let e = #expect(throws: CollabError.self) { try IdInput.expand(["-"], stdin: try fileLineReader(bytes)) }
        #expect(e?.inputLine == 2)
        #expect(e?.message == "line 2: invalid UTF-8")
    }

    @Test(arguments: [("task-42", 42), ("42", 42), ("task-1", 1), ("007", 7), ("task-9223372036854775807", Int64.max)] as [(String, Int64)])
    func sequenceNumbers(_ text: String, _ n: Int64) throws {
        #expect(try SequenceId("task").number(text) == n)
    }

    @Test(arguments: ["task-0", "0", "x-1", "task-", "", "-1", "task--1", "task-1a", "task-١", "١٢", "task-99999999999999999999", "Task-1", " 1", "+1"])
    func badSequenceIds(_ text: String) {
        let e = #expect(throws: CollabError.self) { try SequenceId("task").number(text) }
        #expect(e?.kind == .notFound)
        #expect(e?.message == "task '\(text)' not found (expected 'task-N' or a number)")
    }

    @Test func sequenceIdText() {
        #expect(SequenceId("msg").id(7) == "msg-7")
    }

    @Test(arguments: [
        ("a", true), ("alice", true), ("0", true), ("jean.dupont", true), ("a_b-c.d", true), ("9lives", true),
        (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 65), false),
        ("", false), ("Alice", false), ("-a", false), (".a", false), ("_a", false), ("a b", false),
        ("é", false), ("a/b", false), ("a:b", false), ("a@b", false),
    ])
    func slugs(_ text: String, _ valid: Bool) {
        #expect(Slug.isValid(text) == valid)
        if valid {
            #expect((try? Slug.validate(text)) == text)
        } else {
            let e = #expect(throws: CollabError.self) { try Slug.validate(text, field: "group") }
            #expect(e?.kind == .badInput)
            #expect(e?.field == "group")
            #expect(e?.message.hasPrefix("invalid group '\(text)': expected a slug") == true)
        }
    }

    @Test func errorRecordAndExitCodes() {
        let e = CollabError(.conflict, "x", line: 3, field: "id")
        #expect(JSONWriter.compact(e.record(number: 2)) ==
            #"{"type":"error","id":"error-2","code":"conflict","message":"x","exit":73,"input_line":3,"field":"id"}"#)
        #expect(CollabError.Kind.allCases.map(\.exitCode) == [1, 64, 65, 69, 70, 73, 74, 75, 77, 78])
    }
}
