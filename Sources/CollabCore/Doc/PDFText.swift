#if canImport(Glibc)
import Glibc
#endif

/// The text of a PDF through `pdftotext` (poppler-utils), when it is installed.
enum PDFText {
    /// The text of the stored PDF `sha256`, or nil when pdftotext is missing or fails.
    static func extract(_ sql: SQL, _ sha256: String) throws -> String? {
        guard let tool = which("pdftotext") else { return nil }
        let dir = String(cString: getenv("TMPDIR") ?? strdup("/tmp"))
        var template = Array((dir + "/collab-pdf-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        let path = String(cString: template)
        defer { unlink(path) }
        do {
            try ContentStore.write(sql, sha256, to: fd, name: path)
            close(fd)
        } catch {
            close(fd)
            return nil
        }
        return run(tool, ["pdftotext", "-q", "-enc", "UTF-8", path, "-"])
    }

    /// Runs a program and returns its standard output (at most the index's limit), or nil
    /// if it fails.
    private static func run(_ tool: String, _ args: [String]) -> String? {
        var pipeFds: [Int32] = [0, 0]
        guard pipe(&pipeFds) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeFds[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tool, &actions, nil, &argv, environ)
        close(pipeFds[1])
        guard rc == 0 else { close(pipeFds[0]); return nil }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(pipeFds[0], $0.baseAddress, 65536) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if out.count < Int(DocSearch.maxIndexedSize) { out.append(contentsOf: buffer[0..<n]) }
        }
        close(pipeFds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// The path of a program on PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
