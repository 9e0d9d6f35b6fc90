import Testing
import _CollabTestSupport

/// `collab-cal subscribe`, `sync` and `import URL`, against a local HTTP server.
@Suite struct CalSubscriptionTests {
    /// Serves the sandbox folder over HTTP on a free port; returns the server and its base address.
    func serve(_ s: Sandbox) throws -> (BackgroundProcess, String) {
        let script = """
            import http.server, socketserver, sys, os
            os.chdir(sys.argv[1])
            class Quiet(http.server.SimpleHTTPRequestHandler):
                def log_message(self, *args): pass
            server = socketserver.TCPServer(("127.0.0.1", 0), Quiet)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let server = try s.start("python3", ["-c", script, s.path])
        try #require(eventually(timeout: 20) { !server.stdoutSoFar.isEmpty }, "the HTTP server did not start: \(server.stderrSoFar)")
        let port = server.stdoutSoFar.split(separator: "\n").first.map(String.init) ?? ""
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test func subscribeThenSyncMirrorsTheRemoteCalendar() throws {
        let s = try Sandbox.calendarOffice()
        try s.cal("calendar", "add", "google", "--visibility", "public")
        let (server, base) = try serve(s)
        defer { server.send(9) }
        _ = try s.writeFile("feed.ics", ICalSamples.google)
        let first = try s.cal("subscribe", base + "/feed.ics", "--calendar", "google").record()
        #expect(first.string("type") == "subscription")
        #expect(first.int("created_events") == 1)
        #expect(first.string("last_sync") == Sandbox.now)
        let again = try s.cal("sync").record()
        #expect(again.int("unchanged_events") == 1)
        #expect(again.int("created_events") == 0)
        // The remote file changes: one event replaced by another.
        _ = try s.writeFile("feed.ics", ICalSamples.thunderbird)
        let changed = try s.cal("sync", "google").record()
        #expect(changed.int("created_events") == 2)
        #expect(changed.int("deleted_events") == 1)
        #expect(try s.cal("agenda", "--calendar", "google", "--from", "2026-12-01", "--to", "2027-04-01", "-q").lines.count == 4)
        // The address disappears: exit 69, nothing changed.
        try #require(try s.run("rm", [s.path + "/feed.ics"]).status == 0)
        let seq = try s.lastSeq()
        let r = try s.calFails(69, "sync")
        #expect(r.stderr.contains("google"), "\(r)")
        #expect(try s.lastSeq() == seq)
        #expect(try s.cal("agenda", "--calendar", "google", "--from", "2026-12-01", "--to", "2027-04-01", "-q").lines.count == 4)
    }

    /// On a machine without libcurl, sync exits 78 (not 69 per calendar) and changes nothing.
    @Test(.enabled(if: LibraryHider.available, "unshare -rm is not allowed on this machine"))
    func syncWithoutLibcurlExits78() throws {
        let s = try Sandbox.calendarOffice()
        let (server, base) = try serve(s)
        defer { server.send(9) }
        _ = try s.writeFile("feed.ics", ICalSamples.google)
        try s.cal("subscribe", base + "/feed.ics", "--calendar", "mairie")
        let seq = try s.lastSeq()
        let hider = try LibraryHider(hiding: ["libcurl.so.4", "libcurl-gnutls.so.4"])
        let r = try s.run("unshare", hider.arguments(["collab-cal", "sync"]))
        #expect(r.status == 78, "\(r)")
        #expect(r.stderr.contains("install Debian's libcurl4") && !r.stderr.contains("mairie"), "\(r)")
        #expect(try s.lastSeq() == seq)
        #expect(try s.cal("sync").record().int("unchanged_events") == 1)
    }

    @Test func importFromAnAddress() throws {
        let s = try Sandbox.calendarOffice()
        let (server, base) = try serve(s)
        defer { server.send(9) }
        _ = try s.writeFile("outlook.ics", ICalSamples.outlook)
        let e = try s.cal("import", base + "/outlook.ics", "--calendar", "mairie").record()
        #expect(e.string("title") == "Commission voirie")
        try s.calFails(69, "import", base + "/missing.ics")
    }

    @Test func errors() throws {
        let s = try Sandbox.calendarOffice()
        try s.calFails(64, "subscribe", "ftp://example.org/x.ics", "--calendar", "mairie")
        try s.calFails(69, "subscribe", "http://127.0.0.1:9/x.ics", "--calendar", "mairie")
        try s.calFails(1, "sync", "mairie")
        let (server, base) = try serve(s)
        defer { server.send(9) }
        _ = try s.writeFile("feed.ics", ICalSamples.google)
        try s.calFails(77, "subscribe", base + "/feed.ics", "--calendar", "mairie", env: ["COLLAB_USER": "bob"])
        try s.calFails(1, "subscribe", base + "/feed.ics", "--calendar", "nope")
    }
}
