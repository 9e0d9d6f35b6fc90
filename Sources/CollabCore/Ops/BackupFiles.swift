#if canImport(Glibc)
import Glibc
#endif
internal import CZlib
internal import Crypto

/// The file work of backup and restore: temporary names beside the target, fsync, atomic
/// publication, hashing and gzip.
enum BackupFiles {
    static func errorText() -> String { String(cString: strerror(errno)) }

    /// The folder of a path ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Creates a new empty file (0600) beside `target`, named after it; returns its path.
    static func temporary(beside target: String, _ tag: String) throws -> String {
        let dir = folder(of: target)
        for attempt in 0..<100 {
            let path = "\(dir)/.\(name(of: target)).\(tag)-\(getpid())-\(attempt)"
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 {
                close(fd)
                return path
            }
            if errno != EEXIST { throw CollabError(.io, "cannot create a file in '\(dir)': \(errorText())") }
        }
        throw CollabError(.io, "cannot create a temporary file in '\(dir)'")
    }

    /// Removes a file and the companions SQLite may have left beside it.
    static func remove(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Flushes a file's bytes to the disk.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CollabError(.io, "cannot open '\(path)': \(errorText())") }
        defer { close(fd) }
        if fsync(fd) != 0 { throw CollabError(.io, "cannot flush '\(path)' to disk: \(errorText())") }
    }

    /// Flushes a folder's entries (a rename in it) to the disk.
    static func syncFolder(of path: String) {
        let fd = open(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    /// Gives `temp` the name `target` in one step. Without `replace`, an existing target is
    /// a conflict (exit 73), checked atomically by the link.
    static func publish(_ temp: String, as target: String, replace: Bool) throws {
        if replace {
            if rename(temp, target) != 0 { throw CollabError(.io, "cannot write '\(target)': \(errorText())") }
        } else {
            if link(temp, target) != 0 {
                if errno == EEXIST { throw CollabError.conflict("'\(target)' already exists: use --force to replace it") }
                throw CollabError(.io, "cannot write '\(target)': \(errorText())")
            }
            unlink(temp)
        }
        syncFolder(of: target)
    }

    /// The size and SHA-256 of a file: mapped in memory (no copy), else read in 1 MiB blocks.
    static func digest(_ path: String) throws -> (size: Int64, sha256: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CollabError(.io, "cannot read '\(path)': \(errorText())") }
        defer { close(fd) }
        var hasher = SHA256()
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0, let map = mmap(nil, Int(st.st_size), PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED {
            defer { munmap(map, Int(st.st_size)) }
            _ = madvise(map, Int(st.st_size), MADV_SEQUENTIAL)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: map, count: Int(st.st_size)))
            return (Int64(st.st_size), ContentStore.hex(Array(hasher.finalize())))
        }
        var size: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try ContentStore.fill(fd, &buffer, name: path)
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            size += Int64(n)
            if n < buffer.count { break }
        }
        return (size, ContentStore.hex(Array(hasher.finalize())))
    }

    /// Copies the file `source` into `target` (an existing empty file), hashing as it goes;
    /// returns the size and SHA-256 of what was copied.
    static func copy(_ source: String, into target: String) throws -> (size: Int64, sha256: String) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CollabError(.io, "cannot read '\(source)': \(errorText())") }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CLOEXEC)
        guard output >= 0 else { throw CollabError(.io, "cannot write '\(target)': \(errorText())") }
        defer { close(output) }
        var hasher = SHA256()
        var size: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let n = try ContentStore.fill(input, &buffer, name: source)
            if n == 0 { break }
            try buffer.withUnsafeBytes { all in
                let part = UnsafeRawBufferPointer(rebasing: all[0..<n])
                hasher.update(bufferPointer: part)
                var offset = 0
                while offset < n {
                    let w = write(output, part.baseAddress! + offset, n - offset)
                    if w < 0 {
                        if errno == EINTR { continue }
                        throw CollabError(.io, "cannot write '\(target)': \(errorText())")
                    }
                    offset += w
                }
            }
            size += Int64(n)
            if n < buffer.count { break }
        }
        return (size, ContentStore.hex(Array(hasher.finalize())))
    }

    /// Copies the file `source` into `target` (an existing empty file) inside the kernel
    /// (copy_file_range, as cp does), falling back to `copy` where that is not supported.
    static func clone(_ source: String, into target: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CollabError(.io, "cannot read '\(source)': \(errorText())") }
        defer { close(input) }
        // Not O_TRUNC (the file is new and empty): on ext4, closing a truncated file flushes it.
        let output = open(target, O_WRONLY | O_CLOEXEC)
        guard output >= 0 else { throw CollabError(.io, "cannot write '\(target)': \(errorText())") }
        defer { close(output) }
        var copied = 0
        while true {
            let n = copyFileRange.map { $0(input, nil, output, nil, 1 << 30, 0) } ?? { errno = ENOSYS; return -1 }()
            if n < 0 {
                if errno == EINTR { continue }
                if copied == 0 && (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP || errno == EINVAL) {
                    _ = try copy(source, into: target)
                    return
                }
                if errno == ENOSPC { throw CollabError(.io, "disk full while writing '\(target)'") }
                throw CollabError(.io, "cannot write '\(target)': \(errorText())")
            }
            if n == 0 { return }
            copied += n
        }
    }

    /// glibc's copy_file_range (not in Swift's Glibc module), looked up once.
    typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int
    static let copyFileRange: CopyFileRange? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range") else { return nil }
        return unsafeBitCast(symbol, to: CopyFileRange.self)
    }()

    /// The size of a file, or nil when it does not exist.
    static func size(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }

    /// Hashes `path` on a second thread while `main` runs on this one; returns the hash
    /// (either's error is thrown, `main`'s first).
    static func digest(_ path: String, alongside main: () throws -> Void) throws -> (size: Int64, sha256: String) {
        let box = DigestJob(path)
        let context = Unmanaged.passRetained(box).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            let job = Unmanaged<DigestJob>.fromOpaque(raw!).takeRetainedValue()
            job.result = Result { try BackupFiles.digest(job.path) }
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<DigestJob>.fromOpaque(context).release()
            try main()
            return try digest(path)
        }
        var failure: Error?
        do { try main() } catch { failure = error }
        pthread_join(thread, nil)
        if let failure { throw failure }
        return try box.result!.get()
    }

    /// Whether the file starts with gzip's magic bytes.
    static func isGzip(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw CollabError(.io, "cannot read '\(path)': no such file") }
            throw CollabError(.io, "cannot read '\(path)': \(errorText())")
        }
        defer { close(fd) }
        var magic: [UInt8] = [0, 0]
        let n = magic.withUnsafeMutableBytes { read(fd, $0.baseAddress, 2) }
        return n == 2 && magic == [0x1f, 0x8b]
    }

    /// Writes `source` gzip-compressed into `target` (an existing empty file).
    static func compress(_ source: String, into target: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CollabError(.io, "cannot read '\(source)': \(errorText())") }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CLOEXEC)
        guard output >= 0, let gz = gzdopen(output, "wb1") else {
            if output >= 0 { close(output) }
            throw CollabError(.io, "cannot write '\(target)': \(errorText())")
        }
        gzbuffer(gz, 1 << 20)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var failed = false
        while !failed {
            let n = try ContentStore.fill(input, &buffer, name: source)
            if n == 0 { break }
            let written = buffer.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32(n)) }
            if written != Int32(n) { failed = true }
            if n < buffer.count { break }
        }
        if gzclose(gz) != Z_OK || failed { throw CollabError(.io, "cannot write '\(target)': compression failed (disk full?)") }
    }

    /// Copies `source` into `target` (an existing empty file), uncompressing it when it is
    /// gzip. A damaged gzip stream is bad input (exit 65).
    static func expand(_ source: String, into target: String) throws {
        guard let gz = gzopen(source, "rb") else { throw CollabError(.io, "cannot read '\(source)': \(errorText())") }
        gzbuffer(gz, 1 << 20)
        var closed = false
        defer { if !closed { gzclose(gz) } }
        let output = open(target, O_WRONLY | O_CLOEXEC)
        guard output >= 0 else { throw CollabError(.io, "cannot write '\(target)': \(errorText())") }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                var code: Int32 = 0
                let message = gzerror(gz, &code).map { String(cString: $0) } ?? "unreadable"
                if code == Z_ERRNO { throw CollabError(.io, "cannot read '\(source)': \(errorText())") }
                throw CollabError(.badInput, "'\(source)' is not a valid backup: its gzip data is damaged (\(message))")
            }
            if n == 0 { break }
            try ContentStore.writeAll(output, Array(buffer[0..<Int(n)]), name: target)
        }
        closed = true
        let end = gzclose(gz)
        if end == Z_BUF_ERROR {
            throw CollabError(.badInput, "'\(source)' is not a valid backup: its gzip data is truncated")
        }
        if end != Z_OK { throw CollabError(.badInput, "'\(source)' is not a valid backup: its gzip data is damaged") }
    }
}

/// A hash computed on its own thread (joined before its result is read).
private final class DigestJob: @unchecked Sendable {
    let path: String
    var result: Result<(size: Int64, sha256: String), Error>?
    init(_ path: String) { self.path = path }
}
