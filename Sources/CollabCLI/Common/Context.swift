#if canImport(Glibc)
import Glibc
#endif
import CollabCore

/// What a command works with: the store, the acting user, the clock, the zone and the one
/// output writer. Built by `CollabCommand.run()`; nothing else writes to standard output.
package final class Context {
    /// The program's name (`collab-admin`).
    package let program: String
    /// The environment, read once.
    package let environment: [String: String]
    /// The common options.
    package let global: GlobalOptions
    /// The time of this command (`COLLAB_NOW` overrides it, for tests and replays).
    package let now: Instant
    /// The output format in force.
    package let format: OutputFormat
    /// The domain format asked for with `--format` (`taskwarrior`, `ics` …), when the
    /// command takes one; records then print as NDJSON.
    package let domainFormat: String?
    /// The writer of records.
    package let output: RecordWriter
    private let sink: ByteSink
    private var openedStore: Store?
    private var loadedActor: Actor?
    private var cachedZone: Zone?
    private var suppressOutput = false
    let storeAccess: StoreAccess

    /// The one reporter of errors and warnings of this run (it numbers error records).
    package let reporter: ErrorReporter

    init(
        program: String, global: GlobalOptions, environment: [String: String], access: StoreAccess, sink: ByteSink,
        reporter: ErrorReporter, domainFormats: [String] = []
    ) throws {
        self.reporter = reporter
        self.program = program
        self.global = global
        self.environment = environment
        self.storeAccess = access
        self.sink = sink
        if let fixed = environment["COLLAB_NOW"], !fixed.isEmpty {
            guard let i = RFC3339.parse(fixed) else {
                throw CollabError(.config, "invalid COLLAB_NOW '\(fixed)': expected an RFC 3339 time")
            }
            now = i
        } else {
            now = Instant(seconds: Int64(Glibc.time(nil)))
        }
        if let t = environment["COLLAB_BUSY_TIMEOUT"], !t.isEmpty, GlobalOptions.seconds(t) == nil {
            throw CollabError(.config, "invalid COLLAB_BUSY_TIMEOUT '\(t)': expected a duration like 5s, 500ms or 1m")
        }
        if let f = global.format, GlobalOptions.domainFormats.contains(f) {
            guard domainFormats.contains(f) else {
                let accepted = (["ndjson", "json", "table", "tsv", "csv"] + domainFormats).joined(separator: ", ")
                throw CollabError(.usage, "invalid --format '\(f)' for this command: expected \(accepted)")
            }
            domainFormat = f
            format = .ndjson
        } else {
            domainFormat = nil
            format = try Self.format(global, environment)
        }
        let isTTY = Terminal.isTerminal(1)
        let zoneForTables = format == .table ? try Self.zone(global, environment) : Zone.utc
        cachedZone = format == .table ? zoneForTables : nil
        output = try RecordWriter(
            format: format, fields: global.fieldNames, template: global.template, quiet: global.quiet, sink: sink,
            style: .init(
                width: isTTY ? Terminal.width(environment: environment) : nil, zone: zoneForTables,
                color: isTTY && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"))
    }

    static func format(_ g: GlobalOptions, _ env: [String: String]) throws -> OutputFormat {
        if let f = g.format { return OutputFormat(rawValue: f)! }
        if let f = env["COLLAB_FORMAT"], !f.isEmpty {
            guard let parsed = OutputFormat(rawValue: f) else {
                throw CollabError(.usage, "invalid COLLAB_FORMAT '\(f)': expected ndjson, json, table, tsv or csv")
            }
            return parsed
        }
        return Terminal.isTerminal(1) ? .table : .ndjson
    }

    static func zone(_ g: GlobalOptions, _ env: [String: String]) throws -> Zone {
        if let tz = g.tz { return try namedZone(tz, "--tz") }
        if let tz = env["TZ"], !tz.isEmpty { return try namedZone(tz.hasPrefix(":") ? String(tz.dropFirst()) : tz, "TZ") }
        return Zone.system()
    }

    private static func namedZone(_ name: String, _ source: String) throws -> Zone {
        do { return try Zone.named(name) } catch {
            throw CollabError(.usage, "invalid \(source) '\(name)': unknown time zone (use an IANA name like Europe/Paris)")
        }
    }

    /// The zone for reading and showing local times (`--tz`, `TZ`, the system's).
    package func zone() throws -> Zone {
        if let cachedZone { return cachedZone }
        let z = try Self.zone(global, environment)
        cachedZone = z
        return z
    }

    /// Parses a time the user typed (SPEC §4) in the zone in force; exit 65 when invalid.
    package func time(_ text: String, field: String) throws -> Instant {
        do { return try TimeInput.parse(text, now: now, zone: try zone()) } catch let e as CollabError { throw e } catch {
            throw CollabError(.badInput, "invalid \(field) '\(text)': \(error)", field: field)
        }
    }

    /// Where the store is.
    package func location() throws -> StoreLocation {
        try StoreLocation.resolve(option: global.db, environment: environment)
    }

    /// The store, opened once (read-only for commands that only read).
    package func store() throws -> Store {
        if let openedStore { return openedStore }
        let s = try Store.open(location(), readOnly: storeAccess != .write, busyTimeout: busyTimeout)
        openedStore = s
        return s
    }

    /// The busy timeout in seconds (SPEC §2, default 5 s).
    package var busyTimeout: Double {
        if let t = global.busyTimeout { return GlobalOptions.seconds(t) ?? 5 }
        if let t = environment["COLLAB_BUSY_TIMEOUT"], let s = GlobalOptions.seconds(t) { return s }
        return 5
    }

    /// The acting user's id as given (`--as`, `COLLAB_USER`, the login name).
    package var actingUserId: String {
        if let a = global.actingUser, !a.isEmpty { return a }
        if let a = environment["COLLAB_USER"], !a.isEmpty { return a }
        if let a = environment["USER"], !a.isEmpty { return a }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The acting user, checked to exist and be active (exit 77 otherwise).
    package func actor() throws -> Actor {
        if let loadedActor { return loadedActor }
        let id = actingUserId
        let a = try store().read { try Directory.actor($0, id) }
        loadedActor = a
        return a
    }

    /// Runs one read transaction.
    package func read<T>(_ body: (SQL) throws -> T) throws -> T {
        try store().read(body)
    }

    /// Runs one write transaction as the acting user. With `--dry-run`, prints the change
    /// records it would have written instead, and the command's own output is dropped.
    package func write<T>(_ options: WriteOptions, _ body: (Transaction, Actor) throws -> T) throws -> T {
        let actor = try actor()
        let (result, changes) = try store().write(actor: actor.id, now: now, dryRun: options.dryRun) { tx in
            try body(tx, actor)
        }
        if options.dryRun {
            for c in changes { try output.write(c.output(dryRun: true)) }
            suppressOutput = true
        }
        return result
    }

    /// Prints one record (unless this was a dry run).
    package func emit(_ record: JSONObject) throws {
        guard !suppressOutput else { return }
        try output.write(record)
    }

    /// Reads ids from arguments, `-` meaning standard input (SPEC §4).
    package func ids(_ arguments: [String]) throws -> [String] {
        try IdInput.expand(arguments, stdin: LineReader(fd: 0))
    }

    /// Ends the output.
    func finish() throws { try output.finish() }

    /// The store if it was opened.
    var storeIfOpen: Store? { openedStore }
}

extension Context {
    /// Prints the record of each id; a missing one is reported and the others still shown,
    /// then the command fails with exit 1.
    package func showEach(_ ids: [String], _ fetch: (String) throws -> JSONObject) throws {
        try showEach(ids, printing: { try emit(try fetch($0)) })
    }

    /// Like `showEach(_:_:)`, for commands that print several records per id.
    package func showEach(_ ids: [String], printing print: (String) throws -> Void) throws {
        var missing = 0
        for id in ids {
            do {
                try print(id)
            } catch let e as CollabError where e.kind == .notFound && ids.count > 1 {
                reporter.report(e)
                missing += 1
            }
        }
        if missing > 0 { throw CollabError(.notFound, "\(missing) of \(ids.count) not found") }
    }
}

extension Context {
    /// Free text from an argument (SPEC §4): the argument itself, or all of standard input
    /// when it is `-` (a trailing newline dropped; invalid UTF-8 is exit 65).
    package func text(_ argument: String, field: String) throws -> String {
        guard argument == "-" else { return argument }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, 65536) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CollabError(.io, "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > 16 << 20 { throw CollabError.invalid(field, "-", "standard input is over 16 MiB") }
        }
        if bytes.last == 10 { bytes.removeLast() }
        if bytes.last == 13 { bytes.removeLast() }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw CollabError.invalid(field, "-", "standard input is not valid UTF-8")
        }
        return s
    }
}
