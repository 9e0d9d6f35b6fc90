import Testing
import _CollabTestSupport

/// `collab-admin user import` (SPEC §4): HR CSV exports and NDJSON, validation of every
/// line before anything is written, `--skip-invalid`, idempotency and `--dry-run`.
@Suite struct AdminImportTests {
    static let bom = "\u{FEFF}"

    static let hrCSV = bom + """
        id,name,email,groups,role,manager\r
        adupont,"Dupont, Anne",anne.dupont@mairie.example,urbanisme;accueil,member,mchef\r
        bmartin,"Bernard ""Ben"" Martin",,urbanisme,guest,\r
        mchef,Marie Chef,marie.chef@mairie.example,direction,admin,\r

        """

    @Test func importsAnHRExportInCSV() throws {
        let s = try Sandbox()
        let file = try s.writeFile("agents.csv", Self.hrCSV)
        let r = try s.ok("user", "import", file)
        #expect(try r.ids() == ["adupont", "bmartin", "mchef"])
        let anne = try s.user("adupont")
        #expect(anne.string("name") == "Dupont, Anne")
        #expect(anne.string("email") == "anne.dupont@mairie.example")
        #expect(anne.strings("groups") == ["accueil", "urbanisme"])
        #expect(anne.string("role") == "member")
        #expect(anne.string("manager") == "mchef", "a manager defined on a later line")
        let ben = try s.user("bmartin")
        #expect(ben.string("name") == "Bernard \"Ben\" Martin")
        #expect(ben["email"] == nil)
        #expect(ben["manager"] == nil)
        #expect(ben.string("role") == "guest")
        #expect(try s.user("mchef").string("role") == "admin")
        #expect(try s.group("urbanisme").strings("members") == ["adupont", "bmartin"])
        #expect(try s.verify().status == 0)
    }

    @Test func importsSemicolonSeparatedCSV() throws {
        let s = try Sandbox()
        let csv = Self.bom + "id;name;email;groups;role;manager\nzed;Zed, Junior;zed@x.example;a b;guest;root\nyan;Yan;;;;\n"
        let r = try s.ok("user", "import", "--input-format", "csv", "-", stdin: csv)
        #expect(try r.ids() == ["zed", "yan"])
        let zed = try s.user("zed")
        #expect(zed.string("name") == "Zed, Junior")
        #expect(zed.strings("groups") == ["a", "b"])
        #expect(zed.string("manager") == "root")
        #expect(zed.string("role") == "guest")
        #expect(try s.user("yan").string("role") == "member")
    }

    @Test func theFormatIsGuessedFromTheContent() throws {
        let s = try Sandbox()
        try s.ok("user", "import", "-", stdin: "id,name\nann,Ann\n")
        try s.ok("user", "import", "-", stdin: "\n{\"id\":\"bob\",\"name\":\"Bob\"}\n")
        #expect(try s.user("ann").string("name") == "Ann")
        #expect(try s.user("bob").string("name") == "Bob")
    }

    @Test func importsNDJSON() throws {
        let s = try Sandbox()
        let ndjson = """
            {"id":"ann","name":"Ann","email":"ann@x.example","groups":["rh","dev"],"role":"member","manager":"bob"}
            {"type":"user","id":"bob","name":"Bob","role":"admin","groups":"direction"}

            {"id":"cat","name":"Cat","status":"disabled","key":"HR-3"}

            """
        let file = try s.writeFile("users.ndjson", ndjson)
        let r = try s.ok("user", "import", file)
        #expect(try r.ids() == ["ann", "bob", "cat"])
        let ann = try s.user("ann")
        #expect(ann.strings("groups") == ["dev", "rh"])
        #expect(ann.string("manager") == "bob")
        #expect(try s.user("bob").strings("groups") == ["direction"])
        #expect(try s.user("cat").string("status") == "disabled")
        // The key was bound.
        #expect(try s.ok("user", "add", "other", "--key", "HR-3").record().string("id") == "cat")
    }

    @Test func theOutputOfListImportsAsItIs() throws {
        let a = try Sandbox()
        try a.addUsers("ann", extra: ["--name", "Ann", "--group", "rh", "--email", "ann@x.example"])
        try a.addUsers("bob", extra: ["--manager", "ann", "--role", "guest"])
        let list = try a.ok("user", "list")
        let b = try Sandbox()
        try b.ok("user", "import", "-", stdin: list.stdout)
        #expect(try b.ok("user", "list").stdout == list.stdout)
    }

    @Test func reimportingChangesNothingAndPrintsTheSameIds() throws {
        let s = try Sandbox()
        let file = try s.writeFile("agents.csv", Self.hrCSV)
        let first = try s.ok("user", "import", file, "-q")
        let changes = try s.changes().count
        let second = try s.ok("user", "import", file, "-q")
        #expect(second.lines == first.lines)
        #expect(second.lines == ["adupont", "bmartin", "mchef"])
        #expect(try s.changes().count == changes)
        #expect(try s.user("adupont").int("rev") == 1)
    }

    static let twoBadLines = """
        {"id":"n1","name":"N1"}
        {"id":"Bad Id","name":"X"}
        {"id":"n2","name":"N2"}
        {"id":"n3","email":"not-an-email"}
        {"id":"n4","name":"N4"}

        """

    @Test func badLinesAreAllReportedAndNothingIsWritten() throws {
        let s = try Sandbox()
        let seq = try s.lastSeq()
        let file = try s.writeFile("in.ndjson", Self.twoBadLines)
        let r = try s.run("collab-admin", ["user", "import", file], env: ["COLLAB_ERRORS": "json"])
        #expect(r.status == 65, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        let errors = try r.errorRecords()
        let perLine = errors.filter { $0["input_line"] != nil }
        #expect(perLine.map { $0.int("input_line") } == [2, 4])
        #expect(perLine.map { $0.string("field") } == ["id", "email"])
        #expect(errors.allSatisfy { $0.string("type") == "error" && $0.int("exit") == 65 && $0.string("code") == "bad_input" })
        #expect(perLine.first?.string("message")?.contains("Bad Id") == true)
        #expect(try s.userIds() == ["root"])
        #expect(try s.lastSeq() == seq)
    }

    @Test func errorRecordsOfOneRunHaveDistinctIds() throws {
        let s = try Sandbox()
        let file = try s.writeFile("in.ndjson", Self.twoBadLines)
        let r = try s.fails(65, "user", "import", file, env: ["COLLAB_ERRORS": "json"])
        let ids = try r.errorRecords().map { $0.string("id") ?? "" }
        #expect(ids.count >= 2)
        #expect(Set(ids).count == ids.count, "every record has an id; the errors of one run are numbered: \(ids)")
    }

    @Test func badLinesAreNamedInText() throws {
        let s = try Sandbox()
        let file = try s.writeFile("in.ndjson", Self.twoBadLines)
        let r = try s.fails(65, "user", "import", file)
        #expect(r.stderr.contains("input:2:"), "\(r)")
        #expect(r.stderr.contains("input:4:"), "\(r)")
        #expect(r.stderr.contains("'Bad Id'"), "\(r)")
        #expect(r.stderr.contains("not-an-email"), "\(r)")
        #expect(!r.stderr.contains("input:1:"))
    }

    @Test func badCSVLinesAreNamedByTheirLine() throws {
        let s = try Sandbox()
        let csv = "id,name,email\nann,Ann,ann@x.example\nbob,Bob,bob-at-x\ncarl,Carl,\n"
        let r = try s.fails(65, "user", "import", "--input-format", "csv", "-", stdin: csv, env: ["COLLAB_ERRORS": "json"])
        #expect(try r.errorRecords().compactMap { $0.int("input_line") } == [3])
        #expect(try s.userIds() == ["root"])
    }

    @Test func skipInvalidWritesTheGoodLines() throws {
        let s = try Sandbox()
        let file = try s.writeFile("in.ndjson", Self.twoBadLines)
        let r = try s.run("collab-admin", ["user", "import", file, "--skip-invalid"], env: ["COLLAB_ERRORS": "json"])
        #expect(r.status == 0, "\(r)")
        #expect(try r.ids() == ["n1", "n2", "n4"])
        let lines = r.errorLines.compactMap { try? TestJSON.parse($0) as? [String: Any] }.compactMap { $0.int("input_line") }
        #expect(lines == [2, 4], "\(r)")
        #expect(try s.userIds() == ["n1", "n2", "n4", "root"])
        #expect(try s.verify().status == 0)
    }

    @Test func aConflictingLineIsAConflictAndNothingIsWritten() throws {
        let s = try Sandbox()
        try s.addUsers("ann", extra: ["--name", "Ann"])
        let seq = try s.lastSeq()
        let input = "{\"id\":\"bob\",\"name\":\"Bob\"}\n{\"id\":\"ann\",\"name\":\"Anne-Marie\"}\n"
        let r = try s.fails(73, "user", "import", "-", stdin: input, env: ["COLLAB_ERRORS": "json"])
        #expect(r.stdout.isEmpty)
        #expect(try r.errorRecords().contains { $0.int("input_line") == 2 && $0.string("code") == "conflict" }, "\(r)")
        #expect(try s.userIds() == ["ann", "root"])
        #expect(try s.user("ann").string("name") == "Ann")
        #expect(try s.lastSeq() == seq)
        // With --update the line is applied.
        try s.ok("user", "import", "--update", "-", stdin: input)
        #expect(try s.user("ann").string("name") == "Anne-Marie")
    }

    @Test func anUnknownCSVColumnIsBadInput() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "import", "--input-format", "csv", "-", stdin: "id,name,shoe_size\nann,Ann,38\n")
        #expect(r.stderr.contains("shoe_size"), "\(r)")
        #expect(try s.userIds() == ["root"])
    }

    @Test func aCSVWithoutAnIdColumnIsBadInput() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "import", "--input-format", "csv", "-", stdin: "name,email\nAnn,ann@x.example\n")
        #expect(r.stderr.contains("'id'"), "\(r)")
    }

    @Test func anUnknownNDJSONFieldIsBadInput() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "import", "-", stdin: "{\"id\":\"ann\",\"shoe_size\":38}\n", env: ["COLLAB_ERRORS": "json"])
        let e = try #require(try r.errorRecords().first { $0["input_line"] != nil })
        #expect(e.string("field") == "shoe_size")
        #expect(e.int("input_line") == 1)
    }

    @Test(arguments: ["csv", "ndjson"])
    func invalidUTF8IsBadInput(_ format: String) throws {
        let s = try Sandbox()
        let head: [UInt8] = format == "csv" ? Array("id,name\nann,Ann\nbob,B".utf8) : Array("{\"id\":\"ann\"}\n{\"id\":\"bob\",\"name\":\"B".utf8)
        let tail: [UInt8] = format == "csv" ? Array("b\n".utf8) : Array("b\"}\n".utf8)
        let r = try s.run(
            "collab-admin", ["user", "import", "--input-format", format, "-"], stdinBytes: head + [0xFF, 0xFE] + tail,
            env: ["COLLAB_ERRORS": "json"])
        #expect(r.status == 65, "\(r)")
        let e = try #require(try r.errorRecords().first { $0["input_line"] != nil }, "\(r)")
        #expect(e.int("input_line") == (format == "csv" ? 3 : 2))
        #expect(e.string("message")?.contains("UTF-8") == true)
        #expect(try s.userIds() == ["root"])
    }

    @Test(arguments: [
        "[1,2]", "\"ann\"", "42", "{\"id\":\"ann\"", "{\"id\":\"ann\"} x", "{\"type\":\"group\",\"id\":\"ann\"}",
        "{\"name\":\"No Id\"}", "{\"id\":\"ann\",\"groups\":[1]}", "{\"id\":\"ann\",\"role\":\"boss\"}",
    ])
    func aLineThatIsNotAnObjectIsBadInput(_ line: String) throws {
        let s = try Sandbox()
        let input = "{\"id\":\"bob\"}\n" + line + "\n"
        let r = try s.fails(65, "user", "import", "--input-format", "ndjson", "-", stdin: input, env: ["COLLAB_ERRORS": "json"])
        #expect(try r.errorRecords().compactMap { $0.int("input_line") } == [2], "\(r)")
        #expect(try s.userIds() == ["root"])
    }

    @Test func aUserTwiceInTheInputIsBadInput() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "import", "-", stdin: "{\"id\":\"ann\"}\n{\"id\":\"ann\",\"name\":\"Ann\"}\n", env: ["COLLAB_ERRORS": "json"])
        #expect(try r.errorRecords().compactMap { $0.int("input_line") } == [2], "\(r)")
        #expect(try s.userIds() == ["root"])
    }

    @Test func anUnknownManagerIsNamedByItsLine() throws {
        let s = try Sandbox()
        let input = "id,name,manager\nann,Ann,\nbob,Bob,ghost\n"
        let r = try s.fails(65, "user", "import", "--input-format", "csv", "-", stdin: input, env: ["COLLAB_ERRORS": "json"])
        let e = try #require(try r.errorRecords().first { $0["input_line"] != nil })
        #expect(e.int("input_line") == 3)
        #expect(e.string("field") == "manager")
        #expect(e.string("message")?.contains("ghost") == true)
        #expect(try s.userIds() == ["root"])
    }

    @Test func dryRunPrintsChangesAndWritesNothing() throws {
        let s = try Sandbox()
        let seq = try s.lastSeq()
        let file = try s.writeFile("agents.csv", Self.hrCSV)
        let r = try s.ok("user", "import", file, "--dry-run")
        let changes = try r.records()
        #expect(changes.allSatisfy { $0.string("type") == "change" })
        #expect(changes.allSatisfy { $0["seq"] == nil && $0["hash"] == nil && $0["prev_hash"] == nil })
        let users = changes.filter { $0.string("record_type") == "user" }.map { $0.string("record_id") ?? "" }
        #expect(users == ["adupont", "bmartin", "mchef"])
        #expect(changes.filter { $0.string("record_type") == "group" }.count == 3)
        #expect(try s.userIds() == ["root"])
        #expect(try s.ok("group", "list").stdout.isEmpty)
        #expect(try s.lastSeq() == seq)
    }

    @Test func dryRunWithBadLinesFailsAndPrintsNothing() throws {
        let s = try Sandbox()
        let file = try s.writeFile("in.ndjson", Self.twoBadLines)
        let r = try s.fails(65, "user", "import", file, "--dry-run")
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.contains("input:2:") && r.stderr.contains("input:4:"), "\(r)")
        #expect(try s.userIds() == ["root"])
    }

    @Test func aMissingFileIsAnIOError() throws {
        let s = try Sandbox()
        let r = try s.fails(74, "user", "import", s.path + "/nosuch.csv")
        #expect(r.stderr.contains("nosuch.csv"), "\(r)")
    }

    @Test func membersCannotImport() throws {
        let s = try Sandbox()
        try s.addUsers("bob")
        try s.fails(77, "user", "import", "-", stdin: "{\"id\":\"eve\"}\n", env: ["COLLAB_USER": "bob"])
        try s.fails(1, "user", "show", "eve")
    }

    @Test func tooManyCSVFieldsIsBadInput() throws {
        let s = try Sandbox()
        let r = try s.fails(65, "user", "import", "--input-format", "csv", "-", stdin: "id,name\nann,Ann,extra\n", env: ["COLLAB_ERRORS": "json"])
        #expect(try r.errorRecords().compactMap { $0.int("input_line") } == [2], "\(r)")
    }
}
