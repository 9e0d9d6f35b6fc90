import CollabCore
import Testing

@Suite struct CSVReaderTests {
    private func rows(_ text: String) throws -> (header: [String], rows: [(line: Int, fields: [String])]) {
        try rows(Array(text.utf8))
    }

    private func rows(_ bytes: [UInt8]) throws -> (header: [String], rows: [(line: Int, fields: [String])]) {
        let reader = try CSVReader(try fileLineReader(bytes))
        var out: [(line: Int, fields: [String])] = []
        while let r = try reader.next() { out.append(r) }
        return (reader.header, out)
    }

    @Test func plainRowsWithLineNumbers() throws {
        let (header, rows) = try rows("ID, Name ,email\r\nalice,Alice,a@x.org\n\nbob,Bob,\n")
        #expect(header == ["id", "name", "email"])
        #expect(rows.map(\.line) == [2, 4])
        #expect(rows.map(\.fields) == [["alice", "Alice", "a@x.org"], ["bob", "Bob", ""]])
    }

    @Test func quotesAndDoubledQuotes() throws {
        let (_, rows) = try rows("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n")
        #expect(rows.count == 1)
        #expect(rows[0].fields == ["x, y", "say \"hi\"", ""])
    }

    @Test func newlineInsideQuotesKeepsTheStartLine() throws {
        let (_, rows) = try rows("id,note\na,\"first\nsecond\r\nthird\"\nb,plain\n")
        #expect(rows.count == 2)
        #expect(rows[0].line == 2)
        #expect(rows[0].fields == ["a", "first\nsecond\nthird"])
        #expect(rows[1].line == 5)
        #expect(rows[1].fields == ["b", "plain"])
    }

    @Test func unterminatedQuoteIsAnErrorNamingTheStartLine() throws {
        let reader = try CSVReader(try fileLineReader("id,note\na,b\nc,\"open\nmore\n"))
        _ = try reader.next()
        let e = #expect(throws: CollabError.self) { try reader.next() }
        #expect(e?.kind == .badInput)
        #expect(e?.inputLine == 3)
        #expect(e?.message == "line 3: unterminated quoted field")
    }

    @Test func byteOrderMarkIsDropped() throws {
        let (header, rows) = try rows([0xEF, 0xBB, 0xBF] + Array("id,name\nalice,Alice\n".utf8))
        #expect(header == ["id", "name"])
        #expect(rows.map(\.fields) == [["alice", "Alice"]])
    }

    @Test func semicolonSeparatorIsDetected() throws {
        let (header, rows) = try rows([0xEF, 0xBB, 0xBF] + Array("id;name;groups\nalice;Dupont, Alice;rh\n\"b;c\";\"x\";\n".utf8))
        #expect(header == ["id", "name", "groups"])
        #expect(rows.map(\.fields) == [["alice", "Dupont, Alice", "rh"], ["b;c", "x", ""]])
    }

    @Test func commaWinsWhenTheHeaderHasBoth() throws {
        let (header, rows) = try rows("id,note;x\na,b;c\n")
        #expect(header == ["id", "note;x"])
        #expect(rows.map(\.fields) == [["a", "b;c"]])
    }

    @Test func moreFieldsThanTheHeaderIsAnError() throws {
        let reader = try CSVReader(try fileLineReader("id,name\na,A\nb,B,extra\nc,C\n"))
        let first = try #require(try reader.nextRow())
        #expect(first.line == 2)
        #expect(first.values == ["id": "a", "name": "A"])
        let e = #expect(throws: CollabError.self) { try reader.nextRow() }
        #expect(e?.kind == .badInput)
        #expect(e?.inputLine == 3)
        #expect(e?.message == "line 3: 3 fields but the header has 2")
        let next = try #require(try reader.nextRow())
        #expect(next.line == 4)
        #expect(next.values == ["id": "c", "name": "C"])
    }

    @Test func fewerFieldsLeaveTheRestOut() throws {
        let reader = try CSVReader(try fileLineReader("id,name,email\na\n"))
        let row = try #require(try reader.nextRow())
        #expect(row.values == ["id": "a"])
    }

    @Test func invalidUTF8FieldIsAnError() throws {
        let reader = try CSVReader(try fileLineReader(Array("id,name\na,".utf8) + [0xC3, 0x28, 0x0A]))
        let e = #expect(throws: CollabError.self) { try reader.next() }
        #expect(e?.inputLine == 2)
        #expect(e?.message == "line 2: invalid UTF-8")
    }

    @Test func emptyInputGivesAnEmptyHeader() throws {
        let reader = try CSVReader(try fileLineReader(""))
        #expect(reader.header.isEmpty)
        #expect(try reader.next() == nil)
    }
}
