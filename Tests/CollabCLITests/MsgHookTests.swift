#if canImport(Glibc)
import Glibc
#endif
import Testing
import _CollabTestSupport

/// `collab-msg hook add|list|remove|deliver` against a real HTTP receiver on loopback
/// (a small python3 http.server written by the test) that records what it receives and
/// answers 500 to its first N requests.
@Suite struct MsgHookTests {
    static let receiver = """
        import http.server, json, os, sys
        port_file, log_file, failures = sys.argv[1], sys.argv[2], int(sys.argv[3])
        count = 0
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                global count
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                count += 1
                ok = count > failures
                with open(log_file, "a") as f:
                    f.write(json.dumps({"n": count, "ok": ok, "type": self.headers.get("Content-Type"), "body": body}) + "\\n")
                self.send_response(200 if ok else 500)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        server.serve_forever()
        """

    /// Starts the receiver; returns it, its URL, and a reader of what it received.
    private func startReceiver(_ s: Sandbox, failing failures: Int) throws -> (BackgroundProcess, String, () throws -> [[String: Any]]) {
        let script = try s.writeFile("receiver.py", Self.receiver)
        let portFile = s.path + "/receiver.port", log = s.path + "/receiver.log"
        let p = try s.start("python3", [script, portFile, log, String(failures)])
        try #require(eventually(timeout: 20) { Sandbox.exists(portFile) }, "the receiver did not start: \(p.stderrSoFar)")
        let port = String(decoding: Sandbox.read(portFile), as: UTF8.self)
        let received = {
            try String(decoding: Sandbox.read(log), as: UTF8.self).split(separator: "\n").map { line in
                try #require(try TestJSON.parse(String(line)) as? [String: Any])
            }
        }
        return (p, "http://127.0.0.1:\(port)/hooks/abc", received)
    }

    private func at(_ hour: Int) -> [String: String] { ["COLLAB_NOW": "2026-11-23T\(hour):20:00Z"] }

    @Test func aDeliveryFailingThreeTimesIsSentOnceItSucceeds() throws {
        let s = try Sandbox.messaging()
        let (receiver, url, received) = try startReceiver(s, failing: 3)
        let h = try s.msg(["hook", "add", "general", url]).record()
        #expect(h.string("id") == "hook-1")
        #expect(h.string("payload") == "json")
        try s.post("general", "alerte crue", as: "alice", env: at(10))
        for hour in [10, 11, 12] {
            let r = try s.msgFails(69, ["hook", "deliver"], env: at(hour))
            let d = try r.record()
            #expect(d.string("state") == "pending")
            #expect(d.int("last_status") == 500)
            #expect(r.stderr.contains("retried"), "\(r)")
            #expect(try s.msg(["hook", "deliver"], env: at(hour)).stdout.isEmpty, "not again before its backoff")
        }
        let ok = try s.msg(["hook", "deliver"], env: at(13)).record()
        #expect(ok.string("state") == "delivered")
        #expect(ok.int("attempts") == 4)
        #expect(ok.string("message") == "msg-1")
        #expect(try s.msg(["hook", "deliver"], env: at(23)).stdout.isEmpty, "never sent twice after a 2xx")
        let got = try received()
        #expect(got.count == 4)
        #expect(got.filter { $0.bool("ok") == true }.count == 1)
        let body = try #require(got.last?.string("body"))
        let record = try #require(try TestJSON.parse(body) as? [String: Any])
        #expect(record.string("type") == "message")
        #expect(record.string("body") == "alerte crue")
        #expect(got.last?.string("type") == "application/json")
        _ = receiver
    }

    @Test func slackAndMattermostPayloads() throws {
        let s = try Sandbox.messaging()
        let (receiver, url, received) = try startReceiver(s, failing: 0)
        try s.msg(["hook", "add", "general", url + "/slack", "--payload", "slack"])
        try s.msg(["hook", "add", "general", url + "/mm", "--payload", "mattermost"])
        try s.post("general", "bonjour", as: "bob")
        let ds = try s.msg(["hook", "deliver"]).records()
        #expect(ds.map { $0.string("state") } == ["delivered", "delivered"])
        let bodies = try received().compactMap { $0.string("body") }.map { try TestJSON.parse($0) as? [String: Any] }
        #expect(bodies.first??.string("text") == "bob: bonjour")
        #expect(bodies.last??.string("text") == "bonjour")
        #expect(bodies.last??.string("username") == "bob")
        _ = receiver
    }

    @Test func deliverFollowSendsMessagesAsTheyArePosted() throws {
        let s = try Sandbox.messaging()
        let (receiver, url, received) = try startReceiver(s, failing: 0)
        try s.msg(["hook", "add", "general", url])
        let deliverer = try s.start("collab-msg", ["hook", "deliver", "-f"])
        try s.post("general", "en direct", as: "alice")
        #expect(eventually(timeout: 20) { ((try? received()) ?? []).count == 1 }, "\(deliverer.stderrSoFar)")
        deliverer.send(SIGINT)
        let r = try #require(deliverer.wait(timeout: 20))
        #expect(r.status == 0 && !r.signaled, "\(r)")
        #expect(try r.record().string("state") == "delivered")
        #expect(try received().first?.string("body")?.contains("en direct") == true)
        _ = receiver
    }

    @Test func nothingIsLostWhileTheReceiverIsDown() throws {
        let s = try Sandbox.messaging()
        try s.msg(["hook", "add", "general", "http://127.0.0.1:9/down"])
        try s.post("general", "un")
        let r = try s.msgFails(69, ["hook", "deliver", "--timeout", "2s"])
        let d = try r.record()
        #expect(d.string("state") == "pending")
        #expect(d.string("last_error")?.contains("unreachable") == true, "\(d)")
        #expect(d.string("next_attempt") == "2026-11-23T09:20:30Z")
        let last = try s.msgFails(69, ["hook", "deliver", "--max-attempts", "2"], env: at(11)).record()
        #expect(last.string("state") == "failed")
    }

    @Test func hooksBelongToChannelManagers() throws {
        let s = try Sandbox.messaging()
        try s.msgFails(77, ["hook", "add", "general", "http://127.0.0.1:9/"], as: "alice")
        try s.msgFails(65, ["hook", "add", "general", "ftp://example.org/"])
        try s.msgFails(64, ["hook", "add", "general", "http://127.0.0.1:9/", "--payload", "xml"])
        try s.msgFails(1, ["hook", "add", "nowhere", "http://127.0.0.1:9/"])
        try s.msg(["channel", "add", "projet"], as: "alice")
        try s.msg(["hook", "add", "projet", "http://127.0.0.1:9/p"], as: "alice")
        let seq = try s.lastSeq()
        #expect(try s.msgIds(["hook", "add", "projet", "http://127.0.0.1:9/p"], as: "alice") == ["hook-1"])
        #expect(try s.lastSeq() == seq, "the same hook again changes nothing")
        try s.msg(["hook", "add", "general", "http://127.0.0.1:9/g"])
        #expect(try s.msgIds(["hook", "list"], as: "alice") == ["hook-1"])
        #expect(try s.msgIds(["hook", "list"]) == ["hook-1", "hook-2"])
        try s.msgFails(77, ["hook", "deliver"], as: "alice")
        try s.msgFails(77, ["hook", "remove", "hook-2"], as: "alice")
        try s.post("projet", "en attente", as: "alice")
        try s.msg(["hook", "remove", "hook-1"], as: "alice")
        #expect(try s.msgIds(["hook", "list"]) == ["hook-2"])
        #expect(try s.msg(["hook", "deliver"]).stdout.isEmpty, "the removed hook's delivery was cancelled")
        try s.msgFails(1, ["hook", "remove", "hook-1"])
    }
}
