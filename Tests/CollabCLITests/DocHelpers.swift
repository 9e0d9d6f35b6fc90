import Testing
import _CollabTestSupport

// Short forms for the collab-doc suites.

extension Sandbox {
    /// Runs `collab-doc ARGS` (as `user`, default the sandbox's) and requires exit 0.
    @discardableResult
    func docOK(
        _ arguments: String..., as user: String? = nil, stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        var env = env
        if let user { env["COLLAB_USER"] = user }
        let r = try run("collab-doc", arguments, stdin: stdin, env: env)
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs `collab-doc ARGS` and expects exit `code`.
    @discardableResult
    func docFails(
        _ code: Int32, _ arguments: String..., as user: String? = nil, stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        var env = env
        if let user { env["COLLAB_USER"] = user }
        let r = try run("collab-doc", arguments, stdin: stdin, env: env)
        #expect(r.status == code && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// A sandbox-relative file with this text; returns its name.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        try writeFile(name, text)
        return name
    }

    /// Adds a document from `text` to `folder` (as `user`); returns its record.
    func addDoc(
        _ name: String, _ text: String, folder: String, as user: String? = nil, extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        try writeFile(name, text)
        var env: [String: String] = [:]
        if let user { env["COLLAB_USER"] = user }
        let r = try run("collab-doc", ["add", name, "--folder", folder] + extra, env: env)
        try #require(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        return try r.record()
    }
}
