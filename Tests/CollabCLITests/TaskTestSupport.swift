import Testing
import _CollabTestSupport

// Short forms for the collab-task suites.

extension Sandbox {
    /// Runs `collab-task ARGS` (as the sandbox's user unless `as`) and requires exit 0.
    @discardableResult
    func task(
        _ arguments: String..., as user: String? = nil, stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        var e = env
        if let user { e["COLLAB_USER"] = user }
        let r = try run("collab-task", arguments, stdin: stdin, env: e)
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs `collab-task ARGS` and expects exit `code`.
    @discardableResult
    func taskFails(
        _ code: Int32, _ arguments: String..., as user: String? = nil, stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        var e = env
        if let user { e["COLLAB_USER"] = user }
        let r = try run("collab-task", arguments, stdin: stdin, env: e)
        #expect(r.status == code && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// The task record `collab-task show ID` prints, as root.
    func taskRecord(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try task("show", id, as: "root", sourceLocation: sourceLocation).record()
    }

    /// A store with users alice, bob (group rh), carol (group urba) and guest gus, and a
    /// public project `plu` of group urba.
    static func withTeam() throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice")
        try s.addUsers("bob", extra: ["--group", "rh"])
        try s.addUsers("carol", extra: ["--group", "urba"])
        try s.addUsers("gus", extra: ["--role", "guest"])
        try s.task("project", "add", "plu", "--title", "PLU 2027", "--group", "urba", as: "root")
        return s
    }
}
