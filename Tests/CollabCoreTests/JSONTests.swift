import CollabCore
import Testing

@Suite struct JSONTests {
    static let accepted: [(String, JSONValue)] = [
        ("0", .int(0)),
        ("-12", .int(-12)),
        ("9223372036854775807", .int(Int64.max)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("1.5", .double(1.5)),
        ("-0.25", .double(-0.25)),
        ("1e2", .double(100)),
        ("2E-1", .double(0.2)),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        ("  [1, \"a\" ,null ]\n", .array([.int(1), .string("a"), .null])),
        ("[]", .array([])),
        ("{}", .object(JSONObject())),
        (#"{"b":1,"a":[true]}"#, .object(JSONObject([("b", .int(1)), ("a", .array([.bool(true)]))]))),
        (#""caf\u00e9""#, .string("café")),
        (#""\u00E9t\u00e9""#, .string("été")),
        (#""\ud83d\ude00""#, .string("😀")),
        (#""a\/b\\c\"d""#, .string("a/b\\c\"d")),
        (#""\n\t\r\b\f""#, .string("\n\t\r\u{8}\u{C}")),
        (#""\u0000x""#, .string("\u{0}x")),
        (#""\uFFFF""#, .string("\u{FFFF}")),
        (#""\udbff\udfff""#, .string("\u{10FFFF}")),
        ("\"été 😀\"", .string("été 😀")),
    ]

    @Test(arguments: accepted)
    func accepts(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    static let rejected: [(String, String)] = [
        ("[1,]", "unexpected character"),
        (#"{"a":1,}"#, "expected a key"),
        ("01", "invalid number (leading zero)"),
        ("-01", "invalid number (leading zero)"),
        ("1.", "invalid number"),
        (".5", "unexpected character"),
        ("+1", "unexpected character"),
        ("-", "invalid number"),
        ("1e", "invalid number"),
        ("1e999", "number out of range"),
        (#"{"a":1,"a":2}"#, "duplicate key 'a'"),
        (#""\ud800""#, "unpaired surrogate"),
        (#""\udc00""#, "unpaired surrogate"),
        (#""\ud800\u0041""#, "unpaired surrogate"),
        (#""\ud800x""#, "unpaired surrogate"),
        ("\"a\u{1}b\"", "control character in string"),
        ("\"a\tb\"", "control character in string"),
        ("\"a\nb\"", "control character in string"),
        (#""\x""#, "invalid escape"),
        (#""\u12g4""#, "invalid escape"),
        ("\"abc", "unterminated string"),
        ("[1] 2", "unexpected text after the value"),
        ("{a:1}", "expected a key"),
        (#"{"a" 1}"#, "expected ':'"),
        ("[1 2]", "expected ',' or ']'"),
        ("'a'", "unexpected character"),
        ("tru", "unexpected end of input"),
        ("nul", "unexpected end of input"),
        ("NaN", "unexpected character"),
        ("", "unexpected end of input"),
        ("[", "unexpected end of input"),
        ("\u{FEFF}{}", "unexpected character"),
        ("[1]]", "unexpected text after the value"),
    ]

    @Test(arguments: rejected)
    func rejects(_ text: String, _ message: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch let e as JSONParseError {
            #expect(e.message == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func duplicateKeyOffsetPointsAtTheKey() throws {
        let e = try #require(throws: JSONParseError.self) { try JSONParser.parse(#"{"a":1,"a":2}"#) }
        #expect(e.offset == 7)
        #expect(e.description == "duplicate key 'a' at column 8")
    }

    @Test func invalidUTF8InStringIsRejected() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xFF, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x22]] {
            let e = #expect(throws: JSONParseError.self) {
                try bytes.withUnsafeBufferPointer { try JSONParser.parse(bytes: $0) }
            }
            #expect(e?.message == "invalid UTF-8 in string")
        }
    }

    @Test func nestingUpTo128IsAcceptedAndDeeperRefused() throws {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        var v = try JSONParser.parse(ok)
        var depth = 0
        while case .array(let a) = v {
            depth += 1
            guard let first = a.first else { break }
            v = first
        }
        #expect(depth == 128)

        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        let e = #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        #expect(e?.message == "nesting too deep")
        let deepObjects = String(repeating: #"{"a":"#, count: 129) + "1" + String(repeating: "}", count: 129)
        let e2 = #expect(throws: JSONParseError.self) { try JSONParser.parse(deepObjects) }
        #expect(e2?.message == "nesting too deep")
        // Far deeper input fails cleanly too (no stack overflow).
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func intAndDoubleAreDistinct() throws {
        #expect(try JSONParser.parse("42") == .int(42))
        #expect(try JSONParser.parse("42.0") == .double(42))
        #expect(try JSONParser.parse("4.2e1") == .double(42))
        #expect(try JSONParser.parse("42.0").intValue == 42)
        #expect(try JSONParser.parse("42.5").intValue == nil)
    }

    @Test func writerEscapesControlCharacters() {
        let s = "a\"b\\c\nd\re\tf\u{8}g\u{C}h\u{1}i\u{1F}j\u{7F}k/é"
        #expect(JSONWriter.compact(.string(s)) == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u007fk/é""#)
    }

    @Test func writerNumbers() {
        #expect(JSONWriter.compact(.int(-7)) == "-7")
        #expect(JSONWriter.compact(.double(1.5)) == "1.5")
        #expect(JSONWriter.compact(.double(3)) == "3")
        #expect(JSONWriter.compact(.double(.nan)) == "null")
        #expect(JSONWriter.compact(.double(.infinity)) == "null")
    }

    @Test func compactKeepsKeyOrder() {
        let o = JSONObject([("type", .string("user")), ("id", .string("a")), ("b", .null), ("a", .bool(false))])
        #expect(JSONWriter.compact(o) == #"{"type":"user","id":"a","b":null,"a":false}"#)
    }

    @Test func canonicalSortsKeysAtEveryLevelAndIsStable() {
        let inner1 = JSONObject([("z", .int(1)), ("a", .int(2))])
        let inner2 = JSONObject([("a", .int(2)), ("z", .int(1))])
        let o1 = JSONObject([("type", .string("x")), ("B", .object(inner1)), ("é", .int(3)), ("a", .array([.object(inner1)]))])
        let o2 = JSONObject([("a", .array([.object(inner2)])), ("é", .int(3)), ("B", .object(inner2)), ("type", .string("x"))])
        let c1 = String(decoding: JSONWriter.canonical(.object(o1)), as: UTF8.self)
        let c2 = String(decoding: JSONWriter.canonical(.object(o2)), as: UTF8.self)
        #expect(c1 == #"{"B":{"a":2,"z":1},"a":[{"a":2,"z":1}],"type":"x","é":3}"#)
        #expect(c1 == c2)
        #expect(JSONWriter.canonical(.object(o1)) == JSONWriter.canonical(.object(o1)))
    }

    static let roundTrips: [JSONValue] = [
        .null, .bool(true), .int(0), .int(Int64.min), .int(Int64.max), .double(1.25), .double(-3.5e-7), .double(1e300),
        .string(""), .string("\u{0}"), .string("line\nnext\t\"q\" \\ \u{1} é 😀 \u{7F}"),
        .array([]), .array([.int(1), .array([.string("x")]), .object(JSONObject())]),
        .object(JSONObject([("z", .int(1)), ("a", .object(JSONObject([("k", .string("v")), ("n", .null)])))])),
    ]

    @Test(arguments: roundTrips)
    func roundTrip(_ value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
        let canonical = String(decoding: JSONWriter.canonical(value), as: UTF8.self)
        let reparsed = try JSONParser.parse(canonical)
        #expect(JSONWriter.canonical(reparsed) == JSONWriter.canonical(value))
    }

    @Test func objectSubscriptAndSelecting() {
        var o = JSONObject([("a", .int(1)), ("b", .int(2)), ("a", .int(3))])
        #expect(o.keys == ["a", "b"])
        #expect(o["a"] == .int(3))
        o["a"] = nil
        #expect(o.keys == ["b"])
        o.set("c", nil as String?)
        #expect(o.count == 1)
        o.set("c", "x")
        #expect(o.selecting(["c", "missing", "b"]).keys == ["c", "b"])
    }

    @Test func cellText() {
        #expect(JSONValue.array([.string("a"), .int(2)]).cellText == "a,2")
        #expect(JSONValue.null.cellText == "")
        #expect(JSONValue.object(JSONObject([("k", .string("v"))])).cellText == #"{"k":"v"}"#)
    }
}
