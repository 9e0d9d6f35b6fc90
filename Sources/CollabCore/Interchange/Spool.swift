#if canImport(Glibc)
import Glibc
#endif

/// Records kept in an unnamed temporary file until a transaction has committed, so that a
/// large write prints what it wrote in constant memory, and prints nothing if it failed.
package final class Spool {
    private let file: UnsafeMutablePointer<FILE>

    /// A new, empty spool (the file disappears when closed).
    package init() throws {
        guard let f = tmpfile() else { throw CollabError(.io, "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        file = f
    }

    deinit { fclose(file) }

    /// Keeps a record.
    package func append(_ record: JSONObject) throws {
        var bytes: [UInt8] = []
        JSONWriter.write(.object(record), into: &bytes)
        bytes.append(10)
        if fwrite(bytes, 1, bytes.count, file) != bytes.count {
            throw CollabError(.io, "cannot write a temporary file: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads the records back, in order.
    package func replay(_ body: (JSONObject) throws -> Void) throws {
        fflush(file)
        let fd = fileno(file)
        lseek(fd, 0, SEEK_SET)
        let reader = NDJSONReader(LineReader(fd: fd))
        while let (_, result) = try reader.next() { try body(try result.get()) }
    }
}
