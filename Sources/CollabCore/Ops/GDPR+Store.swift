internal import GRDB

extension Store {
    /// What `purgeFreedSpace` did.
    package struct Purge: Sendable {
        /// Whether VACUUM ran.
        package var vacuumed: Bool
        /// Whether the WAL was emptied (false when another connection still reads an old
        /// snapshot: run the command again, or `collab-admin doctor`, later). Always true
        /// on PostgreSQL, whose WAL is the server's.
        package var walTruncated: Bool
    }

    /// Leaves no copy of overwritten or deleted data in the file's bytes, after a write
    /// that removed personal data has committed (it cannot run inside a transaction):
    /// VACUUM rewrites the database into fresh pages (no free page, no slack space keeps
    /// old text), then `wal_checkpoint(TRUNCATE)` copies the WAL into the file and empties
    /// it. The -shm file holds only the WAL's index (page numbers), never row data.
    package func purgeFreedSpace(vacuum: Bool = true) throws -> Purge {
        guard !isReadOnly else { throw CollabError(.internal, "purge on a read-only connection (please report)") }
        if case .postgres(let pg) = backend {
            // VACUUM frees the dead row versions that held the old text; the server's WAL
            // and its archives are the database administrator's to expire.
            if vacuum { try pg.exec("VACUUM") }
            return Purge(vacuumed: vacuum, walTruncated: true)
        }
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                if vacuum { try db.execute(sql: "VACUUM") }
                let busy = try Int.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") ?? 1
                return Purge(vacuumed: vacuum, walTruncated: busy == 0)
            }
        } catch let e as DatabaseError { throw StoreErrors.map(e) }
    }
}
