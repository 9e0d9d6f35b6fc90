import Testing
import _CollabTestSupport

// Short forms for the collab-msg suites.

extension Sandbox {
    /// A sandbox with alice (member, group rh), bob (member), gus (guest) and a public
    /// channel `general` owned by root.
    static func messaging(sourceLocation: SourceLocation = #_sourceLocation) throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "bob", sourceLocation: sourceLocation)
        try s.addUsers("gus", extra: ["--role", "guest"], sourceLocation: sourceLocation)
        try s.ok("group", "add", "rh", "--member", "alice", sourceLocation: sourceLocation)
        try s.msg(["channel", "add", "general", "--title", "Général"], sourceLocation: sourceLocation)
        return s
    }

    /// Runs `collab-msg ARGS` as `user` (root by default) and requires exit 0.
    @discardableResult
    func msg(
        _ arguments: [String], as user: String = "root", stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let r = try run("collab-msg", arguments, stdin: stdin, env: env.merging(["COLLAB_USER": user]) { a, _ in a })
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs `collab-msg ARGS` as `user` and expects exit `code`.
    @discardableResult
    func msgFails(
        _ code: Int32, _ arguments: [String], as user: String = "root", stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let r = try run("collab-msg", arguments, stdin: stdin, env: env.merging(["COLLAB_USER": user]) { a, _ in a })
        #expect(r.status == code && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Posts TEXT in CHANNEL as `user`; returns the message id.
    @discardableResult
    func post(_ channel: String, _ text: String, as user: String = "root", env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try msg(["post", channel, text, "-q"], as: user, env: env, sourceLocation: sourceLocation).lines.first ?? ""
    }

    /// The ids `collab-msg ARGS -q` prints as `user`.
    func msgIds(_ arguments: [String], as user: String = "root", sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try msg(arguments + ["-q"], as: user, sourceLocation: sourceLocation).lines
    }
}
