#if canImport(Glibc)
import Glibc
#endif
import Testing
import _CollabTestSupport

/// `collab-msg tail [-f]`: the newest messages, then new ones from another process.
@Suite struct MsgTailTests {
    @Test func tailPrintsTheNewestOrThoseAfterAnId() throws {
        let s = try Sandbox.messaging()
        for i in 1...12 { try s.post("general", "n\(i)") }
        #expect(try s.msgIds(["tail", "general"]).count == 10)
        #expect(try s.msgIds(["tail", "-n", "2"]) == ["msg-11", "msg-12"])
        #expect(try s.msgIds(["tail", "general", "--since-id", "msg-10"]) == ["msg-11", "msg-12"])
        try s.msgFails(1, ["tail", "nowhere"])
        try s.msgFails(1, ["tail", "--since-id", "x"])
        try s.msgFails(77, ["tail", "general"], as: "gus")
    }

    @Test func followShowsWhatAnotherProcessPostsThenStopsOnSIGINT() throws {
        let s = try Sandbox.messaging()
        try s.msg(["channel", "add", "partenaires", "--member", "gus"])
        try s.post("general", "avant")
        let follower = try s.start("collab-msg", ["tail", "-f", "--since-id", "msg-1"], env: ["COLLAB_USER": "gus"])
        try s.post("general", "interne")
        try s.post("partenaires", "pour gus", as: "alice")
        let arrived = eventually(timeout: 20) { follower.stdoutSoFar.contains("pour gus") }
        #expect(arrived, "\(follower.stdoutSoFar) \(follower.stderrSoFar)")
        follower.send(SIGINT)
        let r = try #require(follower.wait(timeout: 20))
        #expect(r.status == 0 && !r.signaled, "\(r)")
        #expect(try r.ids() == ["msg-3"], "the guest sees only the channel shared with them")
    }

    @Test func followEndsQuietlyWhenThePipeCloses() throws {
        let s = try Sandbox.messaging()
        for i in 1...3 { try s.post("general", "n\(i)") }
        let pipe = try s.start("sh", ["-c", "collab-msg tail -f general | head -n 1"])
        #expect(eventually(timeout: 20) { !pipe.stdoutSoFar.isEmpty })
        // The next message written finds the pipe closed: tail ends with status 0.
        try s.post("general", "n4")
        let r = try #require(pipe.wait(timeout: 30), "tail -f did not end when its reader went away")
        #expect(r.status == 0, "\(r)")
        #expect(r.lines.count == 1)
    }
}
