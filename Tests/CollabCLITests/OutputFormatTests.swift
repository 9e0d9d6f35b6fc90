import Testing
import _CollabTestSupport

/// Output formats and the common options of SPEC §2 and §5, and `--help`/`--version` of
/// the five programs.
@Suite struct OutputFormatTests {
    static let programs = ["collab-admin", "collab-msg", "collab-task", "collab-doc", "collab-cal"]

    /// A store with users whose fields need quoting in CSV, and one whose first listed
    /// user lacks the fields a later one has.
    static func people() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("ann", extra: ["--name", "Martin, \"Anne\""])
        try s.addUsers("bob", extra: ["--name", "Bob & Co <b>", "--email", "bob@x.example", "--manager", "ann", "--group", "rh", "--group", "dev"])
        return s
    }

    @Test func ndjsonIsTheDefaultOffATerminal() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list")
        #expect(r.lines.count == 3)
        #expect(r.stdout.hasSuffix("\n"))
        #expect(r.lines.allSatisfy { TestJSON.isValidByFoundation($0) && $0.hasPrefix("{\"type\":\"user\",\"id\":") })
        #expect(try r.ids() == ["ann", "bob", "root"])
        #expect(try s.ok("user", "list", "--format", "ndjson").stdout == r.stdout)
        #expect(!r.stdout.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test func jsonIsOneArray() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list", "--format", "json")
        #expect(TestJSON.isValidByFoundation(r.stdout), "\(r)")
        let array = try #require(try TestJSON.parse(r.stdout) as? [Any])
        let users = array.compactMap { $0 as? [String: Any] }
        #expect(users.count == 3)
        #expect(users.map { $0.string("id") } == ["ann", "bob", "root"])
        #expect(users[1].string("name") == "Bob & Co <b>")
        #expect(users[0].string("name") == "Martin, \"Anne\"")
        // An empty result is still an array.
        let empty = try s.ok("user", "list", "--format", "json", "--role", "guest")
        #expect(try TestJSON.parse(empty.stdout) as? [Any] != nil, "\(empty)")
        #expect((try TestJSON.parse(empty.stdout) as? [Any])?.isEmpty == true)
    }

    @Test func csvHasAHeaderAndQuotes() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list", "--format", "csv", "--fields", "id,name,groups,manager")
        #expect(r.lines == [
            "id,name,groups,manager",
            "ann,\"Martin, \"\"Anne\"\"\",,",
            "bob,Bob & Co <b>,\"dev,rh\",ann",
            "root,Root Admin,,",
        ])
    }

    @Test func csvKeepsFieldsTheFirstRecordLacks() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list", "--format", "csv")
        let header = try #require(r.lines.first).split(separator: ",").map(String.init)
        #expect(header.contains("email"), "\(r)")
        #expect(header.contains("manager"), "\(r)")
        #expect(r.stdout.contains("bob@x.example"), "bob's email is lost when the first user has none\n\(r)")
    }

    @Test func tsvKeepsFieldsTheFirstRecordLacks() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list", "--format", "tsv")
        let header = try #require(r.lines.first).split(separator: "\t").map(String.init)
        #expect(header.contains("manager"), "\(r)")
        #expect(r.stdout.contains("bob@x.example"), "\(r)")
    }

    @Test func tsvEscapesTabsAndNewlines() throws {
        let s = try Sandbox()
        try s.addUsers("ann", extra: ["--name", "Ann\tTab\nLine"])
        let r = try s.ok("user", "list", "--format", "tsv", "--fields", "id,name")
        #expect(r.lines == ["id\tname", "ann\tAnn\\tTab\\nLine", "root\tRoot Admin"])
    }

    @Test func tableIsAlignedWithAnUppercaseHeader() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list", "--format", "table", "--fields", "id,name,role")
        let lines = r.lines
        try #require(lines.count == 4, "\(r)")
        #expect(lines[0].hasPrefix("ID"))
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["ID", "NAME", "ROLE"])
        let nameColumn = try #require(column(of: "NAME", in: lines[0]))
        let roleColumn = try #require(column(of: "ROLE", in: lines[0]))
        for (line, name, role) in zip3(lines.dropFirst(), ["Martin, \"Anne\"", "Bob & Co <b>", "Root Admin"], ["member", "member", "admin"]) {
            #expect(column(of: name, in: line) == nameColumn, "\(r)")
            #expect(column(of: role, in: line) == roleColumn, "\(r)")
        }
        #expect(!r.stdout.contains("\u{1B}["), "no colour off a terminal")
    }

    @Test func tableShowsLocalTimes() throws {
        let s = try Sandbox()
        let paris = try s.ok("user", "list", "--format", "table", "--fields", "id,created", "--tz", "Europe/Paris")
        #expect(paris.lines == ["ID    CREATED", "root  2026-11-23 10:20"])
        let env = try s.ok("user", "list", "--format", "table", "--fields", "id,created", env: ["TZ": "America/New_York"])
        #expect(env.lines == ["ID    CREATED", "root  2026-11-23 04:20"])
        try s.fails(64, "user", "list", "--format", "table", "--tz", "Mars/Olympus")
        // Machine formats stay in UTC.
        #expect(try s.ok("user", "list", "--tz", "Europe/Paris").record().string("created") == Sandbox.now)
    }

    @Test func fieldsKeepTheirOrder() throws {
        let s = try Sandbox()
        let r = try s.ok("user", "list", "--fields", "name,id")
        #expect(r.lines == ["{\"name\":\"Root Admin\",\"id\":\"root\"}"])
        #expect(try TestJSON.keys(ofLine: r.lines[0]) == ["name", "id"])
        let csv = try s.ok("user", "list", "--format", "csv", "--fields", "role,id")
        #expect(csv.lines == ["role,id", "admin,root"])
    }

    @Test func templatesRenderWithoutHTMLEscaping() throws {
        let s = try Self.people()
        let r = try s.ok("user", "list", "--template", "{{id}}: {{name}}")
        #expect(r.lines == ["ann: Martin, \"Anne\"", "bob: Bob & Co <b>", "root: Root Admin"])
        let groups = try s.ok("user", "show", "bob", "--template", "{{#groups}}[{{.}}]{{/groups}} {{manager}}")
        #expect(groups.stdout == "[dev][rh] ann\n")
    }

    @Test func quietPrintsIdsOnly() throws {
        let s = try Self.people()
        #expect(try s.ok("user", "list", "-q").stdout == "ann\nbob\nroot\n")
        #expect(try s.ok("user", "list", "--quiet", "--format", "csv").stdout == "ann\nbob\nroot\n")
        #expect(try s.ok("user", "add", "carl", "-q").stdout == "carl\n")
    }

    @Test func theFormatComesFromTheEnvironment() throws {
        let s = try Sandbox()
        let csv = try s.ok("user", "list", "--fields", "id", env: ["COLLAB_FORMAT": "csv"])
        #expect(csv.lines == ["id", "root"])
        let option = try s.ok("user", "list", "--fields", "id", "--format", "ndjson", env: ["COLLAB_FORMAT": "csv"])
        #expect(option.lines == ["{\"id\":\"root\"}"])
    }

    @Test func aBadFormatIsAUsageError() throws {
        let s = try Sandbox()
        let r = try s.fails(64, "user", "list", "--format", "bogus")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bogus"), "\(r)")
        let env = try s.fails(64, "user", "list", env: ["COLLAB_FORMAT": "yaml"])
        #expect(env.stderr.contains("yaml"), "\(env)")
        try s.fails(64, "user", "list", "-q", "--template", "{{id}}")
        try s.fails(64, "user", "list", "--fields", ",")
    }

    @Test(arguments: [["bogus"], ["user", "bogus"], ["group", "frobnicate"], ["audit", "erase"]])
    func anUnknownVerbIsAUsageError(_ arguments: [String]) throws {
        let s = try Sandbox()
        let r = try s.run("collab-admin", arguments)
        #expect(r.status == 64, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(arguments.last!), "\(r)")
    }

    @Test(arguments: [["user", "list", "--bogus"], ["user", "add", "bob", "--colour", "red"], ["init", "-z"], ["user", "add"]])
    func anUnknownOptionOrMissingArgumentIsAUsageError(_ arguments: [String]) throws {
        let s = try Sandbox()
        let r = try s.run("collab-admin", arguments)
        #expect(r.status == 64, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.isEmpty)
        #expect(try s.userIds() == ["root"])
    }

    @Test(arguments: programs)
    func versionPrintsTheVersion(_ program: String) throws {
        let s = try Sandbox(initialise: false)
        let r = try s.run(program, ["--version"])
        #expect(r.status == 0, "\(r)")
        let version = r.stdout.trimmed()
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil }, "\(r)")
        #expect(version == (try s.run("collab-admin", ["--version"]).stdout.trimmed()))
    }

    @Test(arguments: programs)
    func helpExitsZero(_ program: String) throws {
        let s = try Sandbox(initialise: false)
        let r = try s.run(program, ["--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE: \(program)"), "\(r)")
        #expect(r.stderr.isEmpty)
        #expect(!Sandbox.exists(s.dbPath))
    }

    @Test(arguments: [
        "init", "user", "user add", "user list", "user show", "user update", "user disable", "user enable", "user import",
        "group", "group add", "group list", "group show", "group add-member", "group remove-member",
        "audit", "audit list", "audit verify", "feed", "schema",
    ])
    func everyVerbHasHelp(_ verb: String) throws {
        let s = try Sandbox(initialise: false)
        let words = verb.split(separator: " ").map(String.init)
        let r = try s.run("collab-admin", words + ["--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE: collab-admin \(verb)"), "\(r)")
        let help = try s.run("collab-admin", ["help"] + words)
        #expect(help.status == 0, "\(help)")
    }

    @Test func schemaNeedsNoStore() throws {
        let s = try Sandbox(initialise: false)
        let all = try s.ok("schema")
        let records = try all.records()
        #expect(records.allSatisfy { $0.string("type") == "schema" })
        let titles = records.compactMap { $0.object("schema")?.string("title") }
        #expect(titles.contains("user") && titles.contains("group") && titles.contains("change") && titles.contains("error"))
        let wrapped = try s.ok("schema", "user").record()
        #expect(wrapped.string("id") == "user")
        let user = try #require(wrapped.object("schema"))
        #expect(user.string("$id") == "collab:user")
        #expect(user.object("properties")?.keySet.isSuperset(of: ["id", "name", "email", "role", "groups", "status", "manager", "rev"]) == true)
        try s.fails(1, "schema", "nosuch")
        #expect(!Sandbox.exists(s.dbPath))
    }

    @Test func aClosedPipeIsNotAnError() throws {
        let s = try Sandbox()
        try s.ok("user", "import", "-", stdin: (1...3000).map { "{\"id\":\"u\($0)\"}" }.joined(separator: "\n"))
        let script = "{ collab-admin user list; echo \"$?\" > status; } | head -n 1 > first"
        let r = try s.run("/bin/sh", ["-c", script])
        #expect(r.status == 0, "\(r)")
        #expect(String(decoding: Sandbox.read(s.path + "/status"), as: UTF8.self) == "0\n", "\(r)")
        #expect(String(decoding: Sandbox.read(s.path + "/first"), as: UTF8.self).hasPrefix("{\"type\":\"user\",\"id\":\"root\""))
        #expect(r.stderr.isEmpty, "\(r)")
    }
}

/// The character position where `text` starts in `line`.
private func column(of text: String, in line: String) -> Int? {
    line.firstRange(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
}

private func zip3<A: Sequence, B: Sequence, C: Sequence>(_ a: A, _ b: B, _ c: C) -> [(A.Element, B.Element, C.Element)] {
    zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
}

extension String {
    func trimmed() -> String {
        let set = " \n"
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
