internal import CSystemLibraries
#if canImport(Glibc)
import Glibc
#endif

/// One connection to a PostgreSQL server through libpq: the shared store's driver under
/// the narrow layer (`SQL`). Statements keep the layer's `?` placeholders; they are
/// rewritten to `$1, $2 …` once and prepared once per connection. Arguments go as text
/// with no declared type (the server infers it from the statement, as SQLite's affinity
/// does), blobs as binary. Results are read whole, so a query may run inside the loop of
/// another, as the domains do on SQLite.
final class PGConnection {
    let conn: OpaquePointer
    private var prepared: [String: String] = [:]
    /// Rows changed by the last statement.
    private(set) var changes = 0

    /// Connects with a libpq URL or key=value string (PGHOST, PGUSER, PGPASSWORD,
    /// ~/.pgpass and sslmode apply as usual). `busyTimeout` bounds every lock wait,
    /// the store's write lock included.
    init(_ conninfo: String, readOnly: Bool, busyTimeout: Double) throws {
        try Self.loadLibrary()
        guard let c = PQconnectdb(conninfo) else {
            throw CollabError(.unavailable, "cannot reach the PostgreSQL store: out of memory")
        }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(c))
            PQfinish(c)
            throw CollabError(.unavailable, "cannot reach the PostgreSQL store: \(message)")
        }
        conn = c
        PQsetNoticeProcessor(c, { _, _ in }, nil)
        let ms = max(1, Int(busyTimeout * 1000))
        // JIT off: a statement over a few thousand rows with correlated subqueries passes
        // the server's jit_above_cost, and compiling it took 540 ms of the 770 that
        // `task export` of 20,000 tasks spent in the server (PostgreSQL 15, EXPLAIN
        // ANALYZE); collab's statements are short, so compiling never pays for itself.
        try exec(
            "SET lock_timeout = \(ms); SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET jit = off"
                + (readOnly ? "; SET default_transaction_read_only = on" : ""))
    }

    deinit { PQfinish(conn) }

    /// Loads libpq, which is opened on first use rather than linked (see
    /// CSystemLibraries.h): a machine without it cannot use a PostgreSQL store (exit 78).
    static func loadLibrary() throws {
        if let why = collab_libpq_load() {
            throw CollabError(.config, "cannot use a PostgreSQL store: \(String(cString: why)); install Debian's libpq5")
        }
    }

    /// Whether the connection to the server was lost (the server stopped, the network
    /// went away).
    var isLost: Bool { PQstatus(conn) != CONNECTION_OK }

    /// Runs statements without arguments through the simple protocol (transaction
    /// control, settings, migrations).
    func exec(_ sql: String) throws {
        let res = PQexec(conn, sql)
        defer { PQclear(res) }
        try check(res)
        changes = Int(String(cString: PQcmdTuples(res))) ?? 0
    }

    /// Runs one statement with its arguments; returns its rows.
    func query(_ sql: String, _ args: [SQLValue]) throws -> PGRows {
        let name = try statement(sql, args)
        var texts: [[CChar]?] = []
        texts.reserveCapacity(args.count)
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for a in args {
            switch a {
            case .null: texts.append(nil); lengths.append(0); formats.append(0)
            case .int(let v): texts.append(Array(String(v).utf8CString)); lengths.append(0); formats.append(0)
            case .real(let v): texts.append(Array(String(v).utf8CString)); lengths.append(0); formats.append(0)
            case .text(let s):
                // Never holds NUL: SQL refuses such text before it gets here.
                texts.append(Array(s.utf8CString)); lengths.append(0); formats.append(0)
            case .blob(let b):
                texts.append(b.map { CChar(bitPattern: $0) }); lengths.append(Int32(b.count)); formats.append(1)
            }
        }
        let res = withPointers(texts) { pointers in
            PQexecPrepared(conn, name, Int32(args.count), pointers, lengths, formats, 0)
        }
        do { try check(res) } catch {
            PQclear(res)
            throw error
        }
        changes = Int(String(cString: PQcmdTuples(res))) ?? 0
        return PGRows(res!)
    }

    /// The name of the prepared statement for `sql`, preparing it the first time. Blob
    /// arguments are declared `bytea` (a binary value of unknown type would be read as
    /// text); the others are left for the server to infer.
    private func statement(_ sql: String, _ args: [SQLValue]) throws -> String {
        if let name = prepared[sql] { return name }
        let (text, n) = Self.numbered(sql)
        guard n == args.count else {
            throw CollabError(.internal, "statement expects \(n) arguments, got \(args.count) (please report)")
        }
        let name = "s\(prepared.count + 1)"
        let types: [UInt32] = args.map { if case .blob = $0 { 17 } else { 0 } }
        let res = PQprepare(conn, name, text, Int32(n), types)
        defer { PQclear(res) }
        try check(res)
        prepared[sql] = name
        return name
    }

    /// `sql` with each `?` outside quotes and comments numbered `$1, $2 …`, and how many.
    static func numbered(_ sql: String) -> (String, Int) {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        var comment = false
        var previous: Character = " "
        for ch in sql {
            if comment {
                if ch == "\n" { comment = false }
            } else if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "'" || ch == "\"" {
                quote = ch
            } else if ch == "-" && previous == "-" {
                comment = true
            } else if ch == "?" {
                n += 1
                out += "$\(n)"
                previous = ch
                continue
            }
            out.append(ch)
            previous = ch
        }
        return (out, n)
    }

    private func withPointers<R>(_ texts: [[CChar]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(texts.count)
        func next(_ i: Int) -> R {
            if i == texts.count { return body(pointers) }
            guard let t = texts[i] else {
                pointers.append(nil)
                return next(i + 1)
            }
            return t.withUnsafeBufferPointer { buf in
                pointers.append(buf.baseAddress ?? UnsafePointer(bitPattern: 1))
                return next(i + 1)
            }
        }
        return next(0)
    }

    /// Throws the failure a result reports, mapped to SPEC §6.
    private func check(_ res: OpaquePointer?) throws {
        guard let res else { throw failure(state: nil, PQerrorMessage(conn)) }
        switch PQresultStatus(res) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            let state = PQresultErrorField(res, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            throw failure(state: state, PQresultErrorMessage(res))
        }
    }

    private func failure(state: String?, _ message: UnsafePointer<CChar>?) -> CollabError {
        let text = Self.trimmed(message)
        if PQstatus(conn) != CONNECTION_OK {
            return CollabError(.unavailable, "lost the PostgreSQL store: \(text)")
        }
        return StoreErrors.map(sqlState: state ?? "", message: text)
    }

    private static func trimmed(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "unknown error" }
        var s = String(cString: p)
        if s.hasPrefix("ERROR:  ") { s.removeFirst(8) }
        while s.last?.isWhitespace == true { s.removeLast() }
        return s.split(separator: "\n").joined(separator: "; ")
    }

    // MARK: Notifications

    /// Starts listening on `channel`.
    func listen(_ channel: String) throws { try exec("LISTEN \(channel)") }

    /// Waits up to `timeout` seconds for a notification; returns whether one came.
    func waitForNotification(timeout: Double) throws -> Bool {
        if drainNotifications() { return true }
        let fd = PQsocket(conn)
        guard fd >= 0 else { throw CollabError(.unavailable, "lost the PostgreSQL store") }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&p, 1, Int32(max(0, timeout * 1000)))
        if ready > 0 {
            guard PQconsumeInput(conn) == 1 else {
                throw CollabError(.unavailable, "lost the PostgreSQL store: \(Self.trimmed(PQerrorMessage(conn)))")
            }
        }
        return drainNotifications()
    }

    private func drainNotifications() -> Bool {
        var any = false
        while let n = PQnotifies(conn) {
            PQfreemem(n)
            any = true
        }
        return any
    }
}

/// A whole result of a query, read by row and column.
final class PGRows {
    let res: OpaquePointer
    let count: Int
    let types: [UInt32]

    init(_ res: OpaquePointer) {
        self.res = res
        count = Int(PQntuples(res))
        types = (0..<PQnfields(res)).map { PQftype(res, $0) }
    }

    deinit { PQclear(res) }

    func isNull(_ row: Int, _ col: Int) -> Bool { PQgetisnull(res, Int32(row), Int32(col)) == 1 }

    func text(_ row: Int, _ col: Int) -> String {
        guard let p = PQgetvalue(res, Int32(row), Int32(col)) else { return "" }
        let n = Int(PQgetlength(res, Int32(row), Int32(col)))
        return p.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
        }
    }

    /// The type families the layer knows.
    enum Kind { case bool, int, real, numeric, bytea, text }

    func kind(_ col: Int) -> Kind {
        switch types[col] {
        case 16: .bool
        case 20, 21, 23, 26: .int
        case 700, 701: .real
        case 1700: .numeric
        case 17: .bytea
        default: .text
        }
    }

    func int(_ row: Int, _ col: Int) -> Int64 {
        if isNull(row, col) { return 0 }
        let t = text(row, col)
        switch kind(col) {
        case .bool: return t == "t" ? 1 : 0
        case .int: return Int64(t) ?? 0
        default: return Int64(t) ?? Double(t).map { Int64($0) } ?? 0
        }
    }

    func value(_ row: Int, _ col: Int) -> SQLValue {
        if isNull(row, col) { return .null }
        let t = text(row, col)
        switch kind(col) {
        case .bool: return .int(t == "t" ? 1 : 0)
        case .int: return .int(Int64(t) ?? 0)
        case .real: return .real(Double(t) ?? 0)
        case .numeric: return Int64(t).map { .int($0) } ?? .real(Double(t) ?? 0)
        case .bytea: return .blob(Self.unhex(t))
        case .text: return .text(t)
        }
    }

    /// The bytes of a bytea column in the server's hex output (`\x0a1b…`).
    static func unhex(_ t: String) -> [UInt8] {
        var out: [UInt8] = []
        let u = Array(t.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x") else { return Array(t.utf8) }
        out.reserveCapacity((u.count - 2) / 2)
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: 0
            }
        }
        var i = 2
        while i + 1 < u.count {
            out.append(nibble(u[i]) << 4 | nibble(u[i + 1]))
            i += 2
        }
        return out
    }
}
