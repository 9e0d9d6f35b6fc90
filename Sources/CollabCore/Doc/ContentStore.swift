#if canImport(Glibc)
import Glibc
#endif
internal import Crypto

/// Content stored by SHA-256 inside the store (SPEC §9), deduplicated, in 1 MiB chunks,
/// so a file of any size is read, hashed and written a chunk at a time and never sits
/// whole in memory.
package enum ContentStore {
    /// The size of a stored chunk.
    package static let chunkSize = 1 << 20

    /// What was stored: the content's hash, its size and its first bytes (for sniffing).
    package struct Stored: Sendable {
        package var sha256: String
        package var size: Int64
        package var head: [UInt8]
    }

    /// Reads `fd` to its end into the store, hashing as it goes. The chunks are written
    /// under a new blob; if the same content was already stored, the new copy is dropped.
    /// `name` names the input in errors.
    package static func put(_ tx: Transaction, reading fd: Int32, name: String) throws -> Stored {
        guard let blob = try tx.sql.int("INSERT INTO blobs (sha256, size, chunks) VALUES (NULL, 0, 0) RETURNING id") else {
            throw CollabError(.internal, "no blob id returned (please report)")
        }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var size: Int64 = 0
        var n: Int64 = 0
        var head: [UInt8] = []
        while true {
            let got = try fill(fd, &buffer, name: name)
            if got == 0 { break }
            let chunk = Array(buffer[0..<got])
            hasher.update(data: chunk)
            if n == 0 { head = Array(chunk.prefix(8192)) }
            try tx.sql.execute("INSERT INTO chunks (blob, n, bytes) VALUES (?, ?, ?)", [.int(blob), .int(n), .blob(chunk)])
            n += 1
            size += Int64(got)
            if got < chunkSize { break }
        }
        let sha = hex(Array(hasher.finalize()))
        if try tx.sql.int("SELECT id FROM blobs WHERE sha256 = ?", [.text(sha)]) != nil {
            try tx.sql.execute("DELETE FROM chunks WHERE blob = ?", [.int(blob)])
            try tx.sql.execute("DELETE FROM blobs WHERE id = ?", [.int(blob)])
        } else {
            try tx.sql.execute(
                "UPDATE blobs SET sha256 = ?, size = ?, chunks = ? WHERE id = ?", [.text(sha), .int(size), .int(n), .int(blob)])
        }
        return Stored(sha256: sha, size: size, head: head)
    }

    /// Calls `body` with each chunk of the content `sha256`, in order. Return false to stop.
    package static func eachChunk(_ sql: SQL, _ sha256: String, _ body: ([UInt8]) throws -> Bool) throws {
        guard let blob = try sql.int("SELECT id FROM blobs WHERE sha256 = ?", [.text(sha256)]) else {
            throw CollabError(.internal, "content \(sha256) is missing from the store (please report)")
        }
        // One chunk per query, so that a large content is never held whole: PostgreSQL's
        // driver reads a query's whole result.
        var n: Int64 = 0
        while let value = try sql.first("SELECT bytes FROM chunks WHERE blob = ? AND n = ?", [.int(blob), .int(n)], { $0[0] }) {
            n += 1
            guard case .blob(let bytes) = value else { continue }
            if try !body(bytes) { return }
        }
    }

    /// Writes the content `sha256` to `fd`, a chunk at a time.
    package static func write(_ sql: SQL, _ sha256: String, to fd: Int32, name: String) throws {
        try eachChunk(sql, sha256) { bytes in
            try writeAll(fd, bytes, name: name)
            return true
        }
    }

    /// The first `limit` bytes of the content (all of it when smaller).
    package static func prefix(_ sql: SQL, _ sha256: String, limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        try eachChunk(sql, sha256) { bytes in
            out.append(contentsOf: bytes.prefix(limit - out.count))
            return out.count < limit
        }
        return out
    }

    /// Removes stored content that no version refers to any more.
    package static func collectGarbage(_ tx: Transaction) throws {
        let orphans = "SELECT id FROM blobs WHERE sha256 IS NOT NULL AND sha256 NOT IN (SELECT sha256 FROM versions)"
        try tx.sql.execute("DELETE FROM chunks WHERE blob IN (\(orphans))")
        try tx.sql.execute("DELETE FROM blobs WHERE id IN (\(orphans))")
    }

    /// Reads until `buffer` is full or the input ends; returns how many bytes were read.
    static func fill(_ fd: Int32, _ buffer: inout [UInt8], name: String) throws -> Int {
        var total = 0
        let capacity = buffer.count
        while total < capacity {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, capacity - total) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CollabError(.io, "cannot read '\(name)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// Writes all of `bytes` to `fd`. A reader that went away ends the program quietly.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8], name: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE && fd == 1 { exit(0) }
                throw CollabError(.io, "cannot write '\(name)': \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    private static let digits = Array("0123456789abcdef")

    /// Lowercase hex of bytes.
    package static func hex(_ bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }
}
