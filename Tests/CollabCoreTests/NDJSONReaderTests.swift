import CollabCore
import Testing
import _CollabTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A line reader over `bytes`, through a temporary file (removed at once; the reader keeps
/// the descriptor open).
func fileLineReader(_ bytes: [UInt8], maxLine: Int = 16 << 20) throws -> LineReader {
    var template = Array("/tmp/collab-core-test-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    try #require(fd >= 0)
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    try #require(written == bytes.count)
    let reader = try LineReader(path: path, maxLine: maxLine)
    unlink(path)
    return reader
}

/// A line reader over `text` (UTF-8), through a temporary file.
func fileLineReader(_ text: String, maxLine: Int = 16 << 20) throws -> LineReader {
    try fileLineReader(Array(text.utf8), maxLine: maxLine)
}

/// A line reader over `bytes` fed through a pipe (small inputs: they must fit the pipe).
func pipeLineReader(_ bytes: [UInt8], maxLine: Int = 16 << 20) throws -> LineReader {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    try #require(written == bytes.count)
    return LineReader(fd: fds[0], maxLine: maxLine)
}

/// Every result of an NDJSON reader: line numbers with the record or the error.
func readAll(_ reader: NDJSONReader) throws -> [(line: Int, result: Result<JSONObject, CollabError>)] {
    var out: [(line: Int, result: Result<JSONObject, CollabError>)] = []
    while let r = try reader.next() { out.append(r) }
    return out
}

@Suite struct NDJSONReaderTests {
    @Test func recordsWithLineNumbersBlankLinesSkippedAndCRLF() throws {
        let text = "{\"id\":\"a\"}\n\n   \n{\"id\":\"b\",\"n\":2}\r\n\t\n{\"id\":\"c\"}"
        let all = try readAll(NDJSONReader(try fileLineReader(text)))
        #expect(all.map(\.line) == [1, 4, 6])
        let ids = try all.map { try $0.result.get()["id"]?.stringValue }
        #expect(ids == ["a", "b", "c"])
        #expect(try all[1].result.get()["n"] == .int(2))
    }

    @Test func readsFromAPipe() throws {
        let text = "{\"id\":\"x\"}\r\n{\"id\":\"y\"}\n"
        let pipeFD = try pipeLineReader(Array(text.utf8))
        let all = try readAll(NDJSONReader(pipeFD))
        #expect(all.map(\.line) == [1, 2])
        #expect(try all.map { try $0.result.get()["id"] } == [.string("x"), .string("y")])
    }

    @Test func invalidUTF8LineIsAnErrorNamingTheLine() throws {
        var bytes = Array("{\"id\":\"a\"}\n".utf8)
        bytes += [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A]  // {"id":"\xC3(\"}
        bytes += Array("{\"id\":\"c\"}\n".utf8)
        let all = try readAll(NDJSONReader(try fileLineReader(bytes)))
        #expect(all.count == 3)
        guard case .failure(let e) = all[1].result else {
            Issue.record("line 2 should fail")
            return
        }
        #expect(all[1].line == 2)
        #expect(e.kind == .badInput)
        #expect(e.inputLine == 2)
        #expect(e.message == "line 2: invalid UTF-8")
        #expect(try all[2].result.get()["id"] == .string("c"))
    }

    @Test(arguments: [
        ("[1,2]", "array"), ("\"text\"", "string"), ("42", "number"), ("null", "null"), ("true", "boolean"),
    ])
    func nonObjectIsAnError(_ line: String, _ kind: String) throws {
        let all = try readAll(NDJSONReader(try fileLineReader("{}\n" + line + "\n")))
        #expect(all.count == 2)
        guard case .failure(let e) = all[1].result else {
            Issue.record("line 2 should fail")
            return
        }
        #expect(e.kind == .badInput)
        #expect(e.inputLine == 2)
        #expect(e.message == "line 2: expected a JSON object, got \(kind)")
    }

    @Test func invalidJSONIsAnErrorNamingTheLine() throws {
        let all = try readAll(NDJSONReader(try fileLineReader("{\"a\":1,}\n{\"a\":2}\n")))
        #expect(all.count == 2)
        guard case .failure(let e) = all[0].result else {
            Issue.record("line 1 should fail")
            return
        }
        #expect(e.inputLine == 1)
        #expect(e.message.hasPrefix("line 1: invalid JSON: "))
        #expect(try all[1].result.get()["a"] == .int(2))
    }

    @Test func tooLongLineIsReportedAndTheNextLineStillRead() throws {
        let long = "{\"id\":\"" + String(repeating: "x", count: 100) + "\"}"
        let text = "{\"id\":\"a\"}\n" + long + "\n{\"id\":\"c\"}\n"
        let all = try readAll(NDJSONReader(try fileLineReader(text, maxLine: 32)))
        #expect(all.map(\.line) == [1, 2, 3])
        guard case .failure(let e) = all[1].result else {
            Issue.record("line 2 should be too long")
            return
        }
        #expect(e.kind == .badInput)
        #expect(e.inputLine == 2)
        #expect(e.message.hasPrefix("line 2: longer than"))
        #expect(try all[2].result.get()["id"] == .string("c"))
    }

    @Test func tooLongLineLargerThanTheBufferThenAShortOne() throws {
        // A line longer than the reader's 64 KiB buffer, over a small limit, at the end of a
        // first chunk, then a good line.
        let long = "{\"id\":\"" + String(repeating: "y", count: 200_000) + "\"}"
        let text = long + "\n{\"id\":\"ok\"}\n"
        let all = try readAll(NDJSONReader(try fileLineReader(text, maxLine: 1000)))
        #expect(all.map(\.line) == [1, 2])
        if case .success = all[0].result { Issue.record("line 1 should be too long") }
        #expect(try all[1].result.get()["id"] == .string("ok"))
    }

    @Test func longLineWithinTheLimitAcrossBufferReads() throws {
        let value = String(repeating: "z", count: 150_000)
        let text = "{\"id\":\"" + value + "\"}\n{\"id\":\"b\"}"
        let all = try readAll(NDJSONReader(try fileLineReader(text)))
        #expect(all.map(\.line) == [1, 2])
        #expect(try all[0].result.get()["id"] == .string(value))
        #expect(try all[1].result.get()["id"] == .string("b"))
    }

    @Test func byteOrderMarkOnLineOneIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"id\":\"a\"}\n{\"id\":\"b\"}\n".utf8)
        let all = try readAll(NDJSONReader(try fileLineReader(bytes)))
        #expect(all.map(\.line) == [1, 2])
        #expect(try all.map { try $0.result.get()["id"] } == [.string("a"), .string("b")])
    }

    @Test func byteOrderMarkOnALaterLineIsAnError() throws {
        let bytes: [UInt8] = Array("{\"id\":\"a\"}\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("{\"id\":\"b\"}\n".utf8)
        let all = try readAll(NDJSONReader(try fileLineReader(bytes)))
        #expect(all.count == 2)
        if case .success = all[1].result { Issue.record("a BOM on line 2 is not accepted") }
    }

    @Test func emptyInputGivesNothing() throws {
        #expect(try readAll(NDJSONReader(try fileLineReader(""))).isEmpty)
        #expect(try readAll(NDJSONReader(try fileLineReader("\n\n"))).isEmpty)
    }

    @Test func lineReaderDropsOnlyAFinalCR() throws {
        let r = try fileLineReader("a\rb\r\nc\r")
        var lines: [[UInt8]] = []
        while let l = try r.next() {
            if case .text(_, let b) = l { lines.append(b) }
        }
        #expect(lines == [Array("a\rb".utf8), Array("c".utf8)])
    }

    @Test func lineReaderOnAMissingFileIsAnIOError() {
        let e = #expect(throws: CollabError.self) { try LineReader(path: "/nonexistent/collab/x.ndjson") }
        #expect(e?.kind == .io)
    }

    @Test(arguments: [
        ([UInt8](), nil),
        (Array("{\"id\":1}\n".utf8), UInt8(ascii: "{")),
        (Array(" \n\t id,name\n".utf8), UInt8(ascii: "i")),
        ([0xEF, 0xBB, 0xBF] + Array("{}\n".utf8), UInt8(ascii: "{")),
        // The doc comment: the first byte that is not a space or newline, a BOM skipped.
        ([0xEF, 0xBB, 0xBF] + Array(" {}\n".utf8), UInt8(ascii: "{")),
        ([0xEF, 0xBB, 0xBF] + Array("\n{}\n".utf8), UInt8(ascii: "{")),
    ] as [([UInt8], UInt8?)])
    func peekFirstByte(_ bytes: [UInt8], _ expected: UInt8?) throws {
        let r = try fileLineReader(bytes)
        #expect(try r.peekFirstByte() == expected)
        // Peeking consumes nothing.
        var lines: [[UInt8]] = []
        while let l = try r.next() {
            if case .text(_, let b) = l { lines.append(b) }
        }
        let rebuilt = lines.map { $0 + [10] }.joined()
        #expect(Array(rebuilt) == bytes)
    }

    @Test func tooLongLastLineWithoutNewline() throws {
        let r = try fileLineReader("ok\n" + String(repeating: "x", count: 50), maxLine: 10)
        guard case .text(1, let first)? = try r.next() else { Issue.record("line 1"); return }
        #expect(first == Array("ok".utf8))
        guard case .tooLong(let n)? = try r.next() else { Issue.record("line 2 should be too long"); return }
        #expect(n == 2)
        #expect(try r.next() == nil)
    }

    @Test func lineOfExactlyMaxLineIsAccepted() throws {
        let r = try fileLineReader("1234567890\n12345678901\n", maxLine: 10)
        guard case .text(1, let first)? = try r.next() else { Issue.record("line 1"); return }
        #expect(first.count == 10)
        guard case .tooLong(2)? = try r.next() else { Issue.record("line 2 should be too long"); return }
    }
}
