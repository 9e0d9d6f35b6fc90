import Testing
import _CollabTestSupport

// scripts/onboard and scripts/offboard run end to end on the example town hall
// (scripts/examples/organisation), with the built programs on PATH, in Europe/Paris.

extension Sandbox {
    /// The repository's root (scripts/ and its examples are read from there).
    static let repository: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// Runs one of the repository's scripts with bash.
    func script(_ name: String, _ arguments: [String], stdin: String? = nil, as user: String? = nil) throws -> RunResult {
        var env = ["TZ": "Europe/Paris"]
        if let user { env["COLLAB_USER"] = user }
        return try run("bash", [Self.repository + "/scripts/" + name] + arguments, stdin: stdin, env: env, timeout: 600)
    }

    /// A sandbox holding the example town hall.
    static func townHall() throws -> Sandbox {
        let s = try Sandbox()
        let r = try s.script("examples/organisation", [])
        try #require(r.status == 0, "\(r)")
        return s
    }

    /// Runs scripts/onboard with the IT contact of the example and requires exit 0.
    func onboard(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let r = try script("onboard", ["--it", "cfrancois"] + arguments, stdin: stdin)
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }
}

@Suite("scripts/onboard")
struct OnboardingTests {
    static let arrivals = Sandbox.repository + "/scripts/examples/arrivals.csv"

    @Test func onboardsTheTwelveAgentsAndASecondRunChangesNothing() throws {
        let s = try Sandbox.townHall()
        let first = try s.onboard(Self.arrivals)
        let records = try first.records()
        func ids(_ type: String) -> [String] { records.filter { $0.string("type") == type }.compactMap { $0.string("id") } }
        #expect(ids("user").count == 12)
        // Public channels only: the private informatique-astreinte is left to its owner.
        #expect(Set(ids("channel")) == ["urbanisme", "urbanisme-plu", "rh", "finances", "informatique"])
        #expect(ids("task").count == 72, "six template tasks for each agent")
        #expect(ids("event").count == 12)
        #expect(ids("message").count == 12, "\(first)")
        #expect(ids("folder") == ["/accueil"])
        let seq = try s.lastSeq()

        let second = try s.onboard(Self.arrivals)
        #expect(try second.ids() == first.ids(), "the same records, in the same order")
        #expect(try s.lastSeq() == seq, "a second run writes nothing")
        #expect(try s.verify().status == 0)
    }

    @Test func eachAgentGetsTheirGroupChannelsTasksFolderMeetingAndMessage() throws {
        let s = try Sandbox.townHall()
        let out = try s.onboard(Self.arrivals).records()

        let sophie = try s.user("sdurand")
        #expect(sophie.strings("groups") == ["urbanisme"])
        #expect(sophie.string("manager") == "pbernard")
        #expect(try s.user("hrousseau").string("role") == "guest")
        #expect(try s.user("hrousseau").string("name") == "Hugo Rousseau, prestataire")

        let channels = try s.run("collab-msg", ["channel", "list", "--joined", "-q"], env: ["COLLAB_USER": "sdurand"]).lines
        #expect(channels == ["urbanisme", "urbanisme-plu"])
        // The guest sees the service's channels (invited), and not the others.
        let guest = try s.run("collab-msg", ["channel", "list", "-q"], env: ["COLLAB_USER": "hrousseau"]).lines
        #expect(guest == ["urbanisme", "urbanisme-plu"])

        // Tasks: the agent's own, the manager's and IT's, due from the start date in local time.
        let tasks = out.filter { $0.string("type") == "task" }
        let mine = tasks.filter { $0.string("assignee") == "sdurand" }
        #expect(mine.map { $0.string("title") } == ["Lire le livret d'accueil", "Suivre la formation à la protection des données"])
        #expect(mine.map { $0.string("due") } == ["2027-01-05T16:00:00Z", "2027-01-15T16:00:00Z"])
        let it = tasks.filter { $0.string("assignee") == "cfrancois" && $0.string("title") == "Créer les comptes et préparer le poste" }
        #expect(it.count == 12)
        // Due three days before a Monday start: the Friday before, 17:00 in Paris.
        #expect(it.first { _ in true }?.string("due") == "2027-01-01T16:00:00Z")
        #expect(tasks.allSatisfy { $0.string("project") == "accueil" })

        // The welcome folder is readable by each agent.
        let folder = try s.run("collab-doc", ["list", "--folder", "/accueil", "-q"], env: ["COLLAB_USER": "hrousseau"])
        #expect(folder.status == 0 && folder.lines == ["doc-1"], "\(folder)")

        // The meeting: organised by the manager, in the first two working days, within working
        // hours, in a room, never overlapping the manager's Monday meeting (09:00-11:00).
        let events = out.filter { $0.string("type") == "event" }
        let welcome = try #require(events.first { ($0.objects("attendees") ?? []).contains { $0.string("user") == "sdurand" } })
        #expect(welcome.string("organizer") == "pbernard")
        #expect(welcome.string("start") == "2027-01-04T10:00:00Z", "11:00 in Paris, after the heads' meeting")
        #expect(welcome.string("room") == "salle-b12")
        // Yasmine starts on a Friday: her first two working days are Friday and Monday.
        let yasmine = try #require(events.first { ($0.objects("attendees") ?? []).contains { $0.string("user") == "ygarnier" } })
        let start = try #require(yasmine.string("start"))
        #expect(start.hasPrefix("2027-01-08") || start.hasPrefix("2027-01-11"))
        // No two meetings share a room at the same time.
        let bookings = events.map { "\($0.string("room") ?? "")@\($0.string("start") ?? "")" }
        #expect(Set(bookings).count == bookings.count)

        let messages = try s.run("collab-msg", ["list", "urbanisme"], env: ["COLLAB_USER": "sdurand"]).records()
        let hello = try #require(messages.first { ($0.string("body") ?? "").contains("@sdurand") })
        #expect(hello.strings("mentions")?.contains("sdurand") == true)
        #expect(hello.string("body")?.contains("le 04/01 à 11:00, salle-b12") == true)
    }

    @Test func readsNDJSONFromStandardInput() throws {
        let s = try Sandbox.townHall()
        let input = """
            {"id":"znew","name":"Zoé Nouvelle","email":"zoe@ville-exemple.fr","service":"rh","manager":"mleroy","start":"2027-02-01"}

            """
        let r = try s.onboard("-", stdin: input)
        #expect(try r.records().filter { $0.string("type") == "user" }.map { $0.string("id") } == ["znew"])
        #expect(try s.user("znew").strings("groups") == ["rh"])
    }

    @Test func aBadLineWritesNothing() throws {
        let s = try Sandbox.townHall()
        let seq = try s.lastSeq()
        let csv = """
            id,name,email,service,manager,start,role
            aok,Anne Ok,anne@ville-exemple.fr,rh,mleroy,2027-02-01,member
            bbad,Bruno Bad,bruno@ville-exemple.fr,rh,mleroy,01/02/2027,member
            cbad,Carla Bad,carla@ville-exemple.fr,,mleroy,2027-02-01,chief

            """
        let r = try s.script("onboard", ["--it", "cfrancois", "-"], stdin: csv)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("line 3: invalid start '01/02/2027'"))
        #expect(r.stderr.contains("line 4: missing service"))
        #expect(r.stderr.contains("line 4: invalid role 'chief'"))
        #expect(r.stdout.isEmpty)
        #expect(try s.lastSeq() == seq)
    }

    @Test func usageErrors() throws {
        let s = try Sandbox.townHall()
        let noIt = try s.script("onboard", [Self.arrivals])
        #expect(noIt.status == 64 && noIt.stderr.contains("--it"), "\(noIt)")
        let unknown = try s.script("onboard", ["--it", "cfrancois", "--bogus", Self.arrivals])
        #expect(unknown.status == 64, "\(unknown)")
        let missing = try s.script("onboard", ["--it", "cfrancois", s.path + "/nope.csv"])
        #expect(missing.status == 74, "\(missing)")
        let help = try s.script("onboard", ["--help"])
        #expect(help.status == 0 && help.stdout.contains("HR export"))
    }

    @Test func anUnknownManagerStopsBeforeAnythingIsWritten() throws {
        let s = try Sandbox.townHall()
        let seq = try s.lastSeq()
        let r = try s.script("onboard", ["--it", "cfrancois", "-"], stdin: """
            {"id":"znew","name":"Zoé","service":"rh","manager":"nobody","start":"2027-02-01"}

            """)
        #expect(r.status == 65 && r.stderr.contains("nobody"), "\(r)")
        #expect(try s.lastSeq() == seq)
    }
}

@Suite("collab-admin user disable --transfer-to, scripts/offboard")
struct OffboardingTests {
    /// The town hall with Sophie and Lucas onboarded, and Sophie holding one of each thing.
    static func sophieHoldsThings() throws -> Sandbox {
        let s = try Sandbox.townHall()
        try s.onboard("-", stdin: """
            {"id":"sdurand","name":"Sophie Durand","email":"sophie@ville-exemple.fr","service":"urbanisme","manager":"pbernard","start":"2027-01-04"}
            {"id":"lpetit","name":"Lucas Petit","service":"urbanisme","manager":"pbernard","start":"2027-01-04"}

            """)
        let env = ["COLLAB_USER": "sdurand"]
        #expect(try s.run("collab-task", ["add", "Instruire le PC 12", "--assignee", "me"], env: env).status == 0)
        let finished = try s.run("collab-task", ["add", "Déjà fait", "--assignee", "me", "-q"], env: env).lines
        #expect(finished == ["task-20"])
        #expect(try s.run("collab-task", ["done", "task-20"], env: env).status == 0)
        #expect(try s.run("collab-msg", ["channel", "add", "pc-12", "--private", "--member", "lpetit"], env: env).status == 0)
        #expect(try s.run("collab-doc", ["folder", "add", "/urbanisme", "--visibility", "public"]).status == 0)
        #expect(try s.run("collab-doc", ["folder", "share", "/urbanisme", "group:urbanisme:write"]).status == 0)
        let file = try s.writeFile("note.txt", "Note sur le PC 12\n")
        #expect(try s.run("collab-doc", ["add", file, "--folder", "/urbanisme"], env: env).status == 0)
        #expect(try s.run("collab-doc", ["add", file, "--folder", "/urbanisme", "--title", "Avis"], env: ["COLLAB_USER": "lpetit"]).status == 0)
        let circuit = try s.run(
            "collab-doc", ["circuit", "start", "doc-3", "--step", "visa:sdurand", "--step", "visa:pbernard"], env: ["COLLAB_USER": "lpetit"])
        #expect(circuit.status == 0, "\(circuit)")
        #expect(try s.run("collab-cal", ["room", "add", "salle-pc", "--manager", "sdurand"]).status == 0)
        return s
    }

    @Test func everythingSheHeldMovesToTheHeirInOneTransaction() throws {
        let s = try Self.sophieHoldsThings()
        let r = try s.ok("user", "disable", "sdurand", "--transfer-to", "lpetit")
        let moved = try r.records()
        #expect(moved.last?.string("type") == "user" && moved.last?.string("status") == "disabled")
        let types = Set(moved.map { $0.string("type") ?? "" })
        #expect(types == ["task", "doc", "circuit", "room", "channel", "user"], "\(moved)")

        // No open task, pending step, owned document, owned channel or managed room is left.
        let open = try s.run("collab-task", ["list", "--assignee", "sdurand", "--status", "todo", "-q"]).lines
        #expect(open.isEmpty)
        let done = try s.run("collab-task", ["list", "--assignee", "sdurand", "--status", "done", "-q"]).lines
        #expect(done == ["task-20"], "finished work stays with its author")
        #expect(try s.sqlite("SELECT count(*) FROM documents WHERE owner = 'sdurand';") == "0\n")
        #expect(try s.sqlite("SELECT count(*) FROM step_principals WHERE principal_id = 'sdurand';") == "0\n")
        #expect(try s.sqlite("SELECT count(*) FROM room_managers WHERE user_id = 'sdurand';") == "0\n")
        #expect(try s.sqlite("SELECT count(*) FROM channels WHERE owner = 'sdurand';") == "0\n")
        #expect(try s.sqlite("SELECT count(*) FROM channel_members WHERE user_id = 'sdurand' AND channel = 'pc-12';") == "0\n")
        // The heir can act on the circuit step now.
        let visa = try s.run("collab-doc", ["approve", "doc-3"], env: ["COLLAB_USER": "lpetit"])
        #expect(visa.status == 0, "\(visa)")
        // She can no longer act.
        #expect(try s.run("collab-task", ["list"], env: ["COLLAB_USER": "sdurand"]).status == 77)
        #expect(try s.verify().status == 0)
    }

    @Test func aSecondDisableMovesNothing() throws {
        let s = try Self.sophieHoldsThings()
        try s.ok("user", "disable", "sdurand", "--transfer-to", "lpetit")
        let seq = try s.lastSeq()
        let again = try s.ok("user", "disable", "sdurand", "--transfer-to", "lpetit")
        #expect(try again.records().map { $0.string("type") } == ["user"])
        #expect(try s.lastSeq() == seq)
    }

    @Test func dryRunMovesNothing() throws {
        let s = try Self.sophieHoldsThings()
        let seq = try s.lastSeq()
        let r = try s.ok("user", "disable", "sdurand", "--transfer-to", "lpetit", "--dry-run")
        #expect(try r.records().allSatisfy { $0.string("type") == "change" })
        #expect(try s.lastSeq() == seq)
        #expect(try s.user("sdurand").string("status") == "active")
    }

    @Test func refusals() throws {
        let s = try Self.sophieHoldsThings()
        try s.fails(65, "user", "disable", "sdurand", "--transfer-to", "sdurand")
        try s.fails(1, "user", "disable", "sdurand", "--transfer-to", "nobody")
        try s.fails(1, "user", "disable", "nobody", "--transfer-to", "lpetit")
        try s.fails(64, "user", "disable", "sdurand", "lpetit", "--transfer-to", "pbernard")
        try s.fails(77, "user", "disable", "sdurand", "--transfer-to", "lpetit", env: ["COLLAB_USER": "pbernard"])
        try s.ok("user", "disable", "mleroy")
        try s.fails(73, "user", "disable", "sdurand", "--transfer-to", "mleroy")
        #expect(try s.user("sdurand").string("status") == "active")
        let open = try s.run("collab-task", ["list", "--assignee", "sdurand", "--status", "todo", "-q"]).lines
        #expect(open.count == 3, "her two onboarding tasks and her own: nothing moved")
    }

    @Test func theOffboardScriptAddsAHandoverTaskAndAFarewellOnce() throws {
        let s = try Self.sophieHoldsThings()
        let first = try s.script("offboard", ["sdurand", "lpetit"])
        #expect(first.status == 0, "\(first)")
        let records = try first.records()
        let handover = try #require(records.first { $0.string("title") == "Reprendre les dossiers de Sophie Durand" })
        #expect(handover.string("assignee") == "lpetit")
        #expect(handover.string("description")?.contains("doc-2") == true)
        let farewell = try #require(records.first { $0.string("type") == "message" })
        #expect(farewell.string("channel") == "urbanisme")
        #expect(farewell.strings("mentions") == ["lpetit"])
        let seq = try s.lastSeq()
        let second = try s.script("offboard", ["sdurand", "lpetit"])
        #expect(second.status == 0, "\(second)")
        #expect(try second.ids() == ["sdurand", handover.string("id") ?? "", farewell.string("id") ?? ""])
        #expect(try s.lastSeq() == seq)
        let usage = try s.script("offboard", ["sdurand"])
        #expect(usage.status == 64)
    }
}
