internal import GRDB

/// Maps database failures to the exit codes of SPEC §6, in one place.
enum StoreErrors {
    static func map(_ e: DatabaseError) -> CollabError {
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return CollabError(.busy, "the store is busy (another program is writing): retry later, or raise --busy-timeout")
        case .SQLITE_FULL:
            return CollabError(.io, "disk full while writing the store")
        case .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return CollabError(.io, "cannot read or write the store: \(e.message ?? "\(e.resultCode)")")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return CollabError(.denied, "the store is read-only for you: \(e.message ?? "permission denied")")
        case .SQLITE_CANTOPEN:
            return CollabError(.config, "cannot open the store: \(e.message ?? "unable to open")")
        default:
            return CollabError(.internal, "database error: \(e.message ?? "\(e.resultCode)") (please report)")
        }
    }
}

extension StoreErrors {
    /// The same mapping for PostgreSQL's SQLSTATE codes.
    static func map(sqlState state: String, message: String) -> CollabError {
        switch state {
        case "55P03", "40001", "40P01":
            return CollabError(.busy, "the store is busy (another program is writing): retry later, or raise --busy-timeout")
        case "53100":
            return CollabError(.io, "disk full while writing the store")
        case "42501", "25006":
            return CollabError(.denied, "the store is read-only for you: \(message)")
        case "57P01", "57P02", "57P03", "53300":
            return CollabError(.unavailable, "the PostgreSQL store is unavailable: \(message)")
        default:
            if state.hasPrefix("08") {
                return CollabError(.unavailable, "lost the PostgreSQL store: \(message)")
            }
            return CollabError(.internal, "database error: \(message) (please report)")
        }
    }
}
