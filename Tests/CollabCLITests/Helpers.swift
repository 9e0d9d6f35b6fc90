import Testing
import _CollabTestSupport

// Short forms for the end-to-end suites: run collab-admin in a sandbox and require the
// exit status, with the command and its output in the failure message.

extension Sandbox {
    /// Runs `collab-admin ARGS` and requires exit 0.
    @discardableResult
    func ok(
        _ arguments: String..., stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let r = try run("collab-admin", arguments, stdin: stdin, env: env)
        try #require(r.status == 0 && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs `collab-admin ARGS` and expects exit `code`; returns
    /// the result for further checks.
    @discardableResult
    func fails(
        _ code: Int32, _ arguments: String..., stdin: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let r = try run("collab-admin", arguments, stdin: stdin, env: env)
        #expect(r.status == code && !r.signaled, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// The user record `collab-admin user show ID` prints (as the sandbox's user).
    func user(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try ok("user", "show", id, sourceLocation: sourceLocation).record()
    }

    /// The group record `collab-admin group show ID` prints.
    func group(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try ok("group", "show", id, sourceLocation: sourceLocation).record()
    }

    /// The ids `collab-admin user list -q` prints, as root.
    func userIds(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try ok("user", "list", "-q", env: ["COLLAB_USER": "root"], sourceLocation: sourceLocation).lines
    }

    /// The change records of `collab-admin audit list`, as root.
    func changes(_ extra: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try run("collab-admin", ["audit", "list"] + extra, env: ["COLLAB_USER": "root"]).records()
    }

    /// The seq of the newest change (0 when there is none).
    func lastSeq(sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try changes(sourceLocation: sourceLocation).last?["seq"] as? Int ?? 0
    }

    /// The `verification` record of `collab-admin audit verify` and its exit status.
    func verify() throws -> (record: [String: Any], status: Int32, result: RunResult) {
        let r = try run("collab-admin", ["audit", "verify"], env: ["COLLAB_USER": "root"])
        return (try r.record(), r.status, r)
    }

    /// Adds users with `collab-admin user add ID --name NAME` (name defaults to the id).
    func addUsers(_ ids: String..., extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for id in ids {
            let r = try run("collab-admin", ["user", "add", id] + extra, env: ["COLLAB_USER": "root"])
            try #require(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A string field.
    func string(_ key: String) -> String? { self[key] as? String }
    /// An integer field.
    func int(_ key: String) -> Int? { self[key] as? Int }
    /// A boolean field.
    func bool(_ key: String) -> Bool? { self[key] as? Bool }
    /// An array-of-strings field.
    func strings(_ key: String) -> [String]? { (self[key] as? [Any])?.compactMap { $0 as? String } }
    /// An object field.
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    /// An array-of-objects field.
    func objects(_ key: String) -> [[String: Any]]? { (self[key] as? [Any])?.compactMap { $0 as? [String: Any] } }
    /// The keys, sorted.
    var keySet: Set<String> { Set(keys) }
}
