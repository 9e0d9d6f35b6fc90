#if canImport(Glibc)
import Glibc
#endif
internal import GRDBSQLite

/// `collab-admin backup` and `restore`: a consistent copy of the store taken with SQLite's
/// online backup while others write, and its verified return.
package enum Backup {
    /// What a backup wrote.
    package struct Made: Sendable {
        package var file: String
        package var size: Int64
        package var sha256: String
        package var seq: Int64
        package var schema: Int
        package var compressed: Bool
        package var ts: String

        /// The `backup` record.
        package var record: JSONObject {
            JSONObject([
                ("type", .string("backup")), ("id", .string(file)), ("file", .string(file)), ("size", .int(size)),
                ("sha256", .string(sha256)), ("seq", .int(seq)), ("schema", .int(Int64(schema))),
                ("compressed", .bool(compressed)), ("ts", .string(ts)),
            ])
        }
    }

    /// Copies the store into `file`: written under a temporary name in the target folder,
    /// flushed to disk, then renamed (never a half-written file), created 0600. Holds every
    /// change committed before the copy's read snapshot was taken.
    package static func make(_ store: Store, to file: String, compress: Bool, force: Bool, now: Instant, busyTimeout: Double) throws -> Made {
        try refusePostgres(store.location, "backup")
        guard !file.isEmpty, !file.hasSuffix("/") else { throw CollabError.invalid("file", file, "expected a file path") }
        if !force && access(file, F_OK) == 0 {
            throw CollabError.conflict("'\(file)' already exists: use --force to replace it")
        }
        var dirInfo = stat()
        if stat(BackupFiles.folder(of: file), &dirInfo) != 0 || (dirInfo.st_mode & S_IFMT) != S_IFDIR {
            throw CollabError(.io, "cannot write '\(file)': no folder '\(BackupFiles.folder(of: file))'")
        }
        let copy = try BackupFiles.temporary(beside: file, "copy")
        var packed: String?
        defer {
            BackupFiles.remove(copy)
            if let packed { unlink(packed) }
        }
        var seq: Int64 = 0
        var digest: (size: Int64, sha256: String)?
        do {
            // Fast path: fold the WAL into the file first. A read transaction begun while the
            // WAL is empty reads the file alone, and while it lasts no checkpoint may write
            // the file (writers only append to the WAL): the file is then the snapshot, and
            // is copied as plain bytes. Otherwise, SQLite's online backup copies the snapshot.
            if !store.isReadOnly {
                try store.withConnection { h in
                    // Waits at most a second for busy writers; the slow path copes without.
                    sqlite3_busy_timeout(h, Int32(min(busyTimeout, 1) * 1000))
                    _ = sqlite3_wal_checkpoint_v2(h, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
                    sqlite3_busy_timeout(h, Int32(min(busyTimeout * 1000, Double(Int32.max))))
                }
            }
            try store.withSnapshot { handle, sql in
                seq = try ChangeLog.readHead(sql).seq
                if BackupFiles.size(store.location.path + "-wal") == 0 {
                    // The file cannot change until the snapshot ends: hash it while it is copied.
                    let source = store.location.path
                    if compress {
                        try BackupFiles.clone(source, into: copy)
                    } else {
                        digest = try BackupFiles.digest(source) {
                            try BackupFiles.clone(source, into: copy)
                            try BackupFiles.sync(copy)
                        }
                    }
                } else {
                    let target = try BackupConnection(path: copy, busyTimeout: busyTimeout)
                    // A private file: no journal needed, it is flushed once at the end.
                    try target.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                    try target.copy(from: handle)
                }
            }
        } catch let e as BackupConnection.Failure {
            if e.isBusy { throw CollabError(.busy, "the store stayed locked: retry later, or raise --busy-timeout") }
            if e.code & 0xff == SQLITE_FULL { throw CollabError(.io, "disk full while writing '\(file)'") }
            throw CollabError(.io, "cannot copy the store into '\(file)': \(e.message)")
        }
        var final = copy
        if compress {
            let gz = try BackupFiles.temporary(beside: file, "gz")
            packed = gz
            try BackupFiles.compress(copy, into: gz)
            final = gz
        }
        if digest == nil { try BackupFiles.sync(final) }
        let (size, sha) = try digest ?? BackupFiles.digest(final)
        try BackupFiles.publish(final, as: file, replace: force)
        return Made(
            file: absolute(file), size: size, sha256: sha, seq: seq, schema: Migrations.current, compressed: compress,
            ts: RFC3339.format(now))
    }

    /// The absolute form of a path.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let rest = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return cwd == "/" ? "/" + rest : cwd + "/" + rest
    }
}

extension Backup {
    /// Backup and restore copy an SQLite file: a PostgreSQL store is the server's to back
    /// up (exit 78, naming the tools that do it).
    static func refusePostgres(_ location: StoreLocation, _ verb: String) throws {
        guard location.isPostgres else { return }
        throw CollabError(
            .config,
            "\(verb) works on an SQLite store; '\(location.path)' is on PostgreSQL: use pg_dump and pg_restore, or copy it to a file with 'collab-admin migrate-store'")
    }
}
