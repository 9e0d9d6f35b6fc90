import Testing
import _CollabTestSupport

// collab-cal add --first-free, and collab-msg post --key: the two verbs scripts/onboard
// relies on to be race-free and idempotent.

@Suite("collab-cal add --first-free")
struct CalFirstFreeTests {
    /// alice busy Monday 4 January 2027 09:00-11:00 (Paris); the council room booked 11:00-12:00.
    static func busyMonday() throws -> Sandbox {
        let s = try Sandbox.calendarOffice()
        try s.cal("add", "Réunion", "--start", "2027-01-04 09:00", "--duration", "2h", env: ["COLLAB_USER": "alice"])
        try s.cal("room", "add", "salle-b12", "--capacity", "8")
        try s.cal("add", "Commission", "--start", "2027-01-04 11:00", "--duration", "1h", "--room", "salle-conseil",
                  env: ["COLLAB_USER": "carl"])
        return s
    }

    @Test func booksTheEarliestSlotWhenEveryoneAndARoomAreFree() throws {
        let s = try Self.busyMonday()
        let e = try s.cal(
            "add", "Accueil", "--first-free", "--start", "2027-01-04", "--before", "2027-01-06", "--duration", "1h",
            "--attendee", "bob", "--room", "salle-conseil,salle-b12", env: ["COLLAB_USER": "alice"]
        ).record()
        #expect(e.string("start") == "2027-01-04T10:00:00Z", "11:00 in Paris: alice is busy before")
        #expect(e.string("end") == "2027-01-04T11:00:00Z")
        #expect(e.string("room") == "salle-b12", "the council room is taken at 11:00, the next room is free")
        #expect(e.string("organizer") == "alice")
        // The next one goes after it: 14:00 (working hours resume), in the preferred room.
        let next = try s.cal(
            "add", "Accueil 2", "--first-free", "--start", "2027-01-04", "--before", "2027-01-06", "--duration", "1h",
            "--attendee", "bob", "--room", "salle-conseil,salle-b12", env: ["COLLAB_USER": "alice"]
        ).record()
        #expect(next.string("start") == "2027-01-04T13:00:00Z")
        #expect(next.string("room") == "salle-conseil")
    }

    @Test func withoutARoomAndWithGivenHours() throws {
        let s = try Self.busyMonday()
        let e = try s.cal(
            "add", "Point", "--first-free", "--start", "2027-01-04", "--duration", "30m", "--hours", "mon-fri 08:00-09:00",
            env: ["COLLAB_USER": "alice"]
        ).record()
        #expect(e.string("start") == "2027-01-04T07:00:00Z")
        #expect(e["room"] == nil)
    }

    @Test func aKeyReturnsTheFirstBookingWithoutSearchingAgain() throws {
        let s = try Self.busyMonday()
        let args = ["add", "Accueil", "--first-free", "--start", "2027-01-04", "--before", "2027-01-05", "--duration", "1h",
                    "--room", "salle-b12", "--key", "welcome:bob"]
        let first = try s.run("collab-cal", args, env: ["TZ": "Europe/Paris", "COLLAB_USER": "alice"])
        #expect(first.status == 0, "\(first)")
        let seq = try s.lastSeq()
        let again = try s.run("collab-cal", args, env: ["TZ": "Europe/Paris", "COLLAB_USER": "alice"])
        #expect(again.status == 0)
        #expect(try again.record().string("id") == first.record().string("id"))
        #expect(try s.lastSeq() == seq)
    }

    @Test func noSlotIsAConflictAndWritesNothing() throws {
        let s = try Self.busyMonday()
        let seq = try s.lastSeq()
        let r = try s.calFails(
            73, "add", "Long", "--first-free", "--start", "2027-01-04 09:00", "--before", "2027-01-04 12:00", "--duration", "2h",
            env: ["COLLAB_USER": "alice"])
        #expect(r.stderr.contains("no slot of PT2H"))
        #expect(try s.lastSeq() == seq)
    }

    @Test func usageAndBadInput() throws {
        let s = try Self.busyMonday()
        try s.calFails(64, "add", "X", "--first-free", "--start", "2027-01-04", "--end", "2027-01-04 10:00")
        try s.calFails(64, "add", "X", "--first-free", "--start", "2027-01-04", "--duration", "1h", "--rrule", "FREQ=DAILY")
        try s.calFails(64, "add", "X", "--start", "2027-01-04 10:00", "--duration", "1h", "--before", "2027-01-05")
        try s.calFails(64, "add", "X", "--start", "2027-01-04 10:00", "--duration", "1h", "--room", "salle-b12,salle-conseil")
        try s.calFails(65, "add", "X", "--first-free", "--start", "2027-01-04", "--before", "2027-01-03", "--duration", "1h")
        try s.calFails(65, "add", "X", "--first-free", "--start", "2027-01-04", "--duration", "1h", "--hours", "someday")
        try s.calFails(1, "add", "X", "--first-free", "--start", "2027-01-04", "--duration", "1h", "--room", "nowhere")
        try s.calFails(1, "add", "X", "--first-free", "--start", "2027-01-04", "--duration", "1h", "--attendee", "nobody")
        try s.calFails(77, "add", "X", "--first-free", "--start", "2027-01-04", "--duration", "1h", "--attendee", "bob",
                       env: ["COLLAB_USER": "gus"])
    }
}

@Suite("collab-msg post --key")
struct MsgPostKeyTests {
    @Test func aRepeatedPostWithItsKeyChangesNothing() throws {
        let s = try Sandbox.messaging()
        let first = try s.msg(["post", "general", "Bonjour", "--key", "hello-1"]).record()
        let seq = try s.lastSeq()
        let again = try s.msg(["post", "general", "Bonjour encore", "--key", "hello-1"]).record()
        #expect(again.string("id") == first.string("id"))
        #expect(again.string("body") == "Bonjour")
        #expect(try s.lastSeq() == seq)
        try s.msgFails(65, ["post", "general", "Vide", "--key", ""])
    }

    @Test func withFromTheKeyIsATemplatePerRecord() throws {
        let s = try Sandbox.messaging()
        let input = """
            {"id":"a1","name":"Anne"}
            {"id":"b2","name":"Basile"}

            """
        let args = ["post", "general", "--from", "-", "--template", "Bienvenue {{name}}", "--key", "welcome-{{id}}"]
        let first = try s.msg(args, stdin: input).ids()
        #expect(first.count == 2)
        let seq = try s.lastSeq()
        #expect(try s.msg(args, stdin: input).ids() == first)
        #expect(try s.lastSeq() == seq)
        // A new record gets its own message; the others are found by their keys.
        let more = try s.msg(args, stdin: input + #"{"id":"c3","name":"Chloé"}"# + "\n").ids()
        #expect(Array(more.prefix(2)) == first && more.count == 3)
    }

    @Test func twoRecordsWithTheSameKeyPostNothing() throws {
        let s = try Sandbox.messaging()
        let seq = try s.lastSeq()
        let r = try s.msgFails(
            65, ["post", "general", "--from", "-", "--template", "{{name}}", "--key", "k-{{team}}"],
            stdin: "{\"name\":\"A\",\"team\":\"x\"}\n{\"name\":\"B\",\"team\":\"x\"}\n{\"name\":\"C\"}\n")
        #expect(r.stderr.contains("input:2: error: the key 'k-x' is already the key of line 1"), "\(r)")
        #expect(r.stderr.contains("line 3: the --key template gives an empty key") == false, "k- is not empty")
        #expect(try s.lastSeq() == seq)
    }
}

@Suite("collab-task template apply --from")
struct TemplateApplyFromTests {
    static func model() throws -> Sandbox {
        let s = try Sandbox.withTeam()
        let paris = ["TZ": "Europe/Paris"]
        try s.task("project", "add", "modele", "--title", "Modèle")
        try s.task("project", "add", "accueil", "--title", "Accueil")
        try s.task("add", "Préparer le poste", "--project", "modele", "--assignee", "carol", "--due", "2026-11-27 17:00", env: paris)
        try s.task("add", "Présenter l'équipe", "--project", "modele", "--assignee", "bob", "--due", "2026-11-30 10:00", env: paris)
        try s.task("template", "save", "modele", "arrivee", "--start", "2026-11-30", "--role", "carol=it", "--role", "bob=manager", env: paris)
        return s
    }

    static let arrivals = """
        {"id":"a1","manager":"bob","start":"2027-01-04"}
        {"id":"a2","manager":"carol","start":"2027-01-11"}

        """

    static let args = ["template", "apply", "arrivee", "--from", "-", "--project", "accueil", "--start", "{{start}}",
                       "--assign", "manager={{manager}}", "--assign", "it=bob", "--key", "onboard:{{id}}"]

    @Test func appliesOncePerRecordInOneTransactionAndIsIdempotent() throws {
        let s = try Self.model()
        let r = try s.run("collab-task", Self.args, stdin: Self.arrivals, env: ["TZ": "Europe/Paris"])
        #expect(r.status == 0, "\(r)")
        let tasks = try r.records()
        #expect(tasks.map { $0.string("assignee") } == ["bob", "bob", "bob", "carol"])
        // Three days before the start at 17:00 (the Friday before), and the start at 10:00.
        #expect(tasks.map { $0.string("due") } == [
            "2027-01-01T16:00:00Z", "2027-01-04T09:00:00Z", "2027-01-08T16:00:00Z", "2027-01-11T09:00:00Z",
        ])
        let seq = try s.lastSeq()
        let again = try s.run("collab-task", Self.args, stdin: Self.arrivals, env: ["TZ": "Europe/Paris"])
        #expect(try again.ids() == r.ids())
        #expect(try s.lastSeq() == seq)
    }

    @Test func oneBadLineAppliesNothing() throws {
        let s = try Self.model()
        let seq = try s.lastSeq()
        let input = Self.arrivals + """
            {"id":"a3","manager":"bob","start":"someday"}
            {"id":"a1","manager":"bob","start":"2027-02-01"}
            not json

            """
        let r = try s.run("collab-task", Self.args, stdin: input, env: ["TZ": "Europe/Paris"])
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("input:3") && r.stderr.contains("someday"))
        #expect(r.stderr.contains("input:4") && r.stderr.contains("already the key of line 1"))
        #expect(r.stderr.contains("input:5"))
        #expect(r.stdout.isEmpty)
        #expect(try s.lastSeq() == seq)
    }
}
