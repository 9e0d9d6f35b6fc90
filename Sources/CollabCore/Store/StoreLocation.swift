#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the store lives: `--db`, else `COLLAB_DB`, else the XDG data folder (SPEC §2).
/// A `postgres://` or `postgresql://` URL names a shared store on a PostgreSQL server
/// instead of a file.
package struct StoreLocation: Equatable, Sendable {
    /// The path of the SQLite file, or the PostgreSQL URL with its password hidden (for
    /// messages).
    package var path: String
    /// Whether the path is the default one (whose folder we create 0700).
    package var isDefault: Bool
    /// The libpq connection URL of a PostgreSQL store; nil for an SQLite file.
    package var url: String?

    /// A location at this path.
    package init(path: String, isDefault: Bool = false) {
        self.path = path
        self.isDefault = isDefault
    }

    /// A PostgreSQL store at this URL (libpq's `postgresql://` form).
    package init(url: String) {
        self.url = url
        self.path = Self.hidingPassword(url)
        self.isDefault = false
    }

    /// Whether the store is on a PostgreSQL server.
    package var isPostgres: Bool { url != nil }

    /// Whether `text` names a PostgreSQL store.
    package static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// `postgresql://user:secret@host/db` shown as `postgresql://user:***@host/db`.
    static func hidingPassword(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userinfo = url[scheme.upperBound..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// Resolves the location from the option and the environment.
    package static func resolve(option: String?, environment env: [String: String]) throws -> StoreLocation {
        if let given = option ?? env["COLLAB_DB"], !given.isEmpty {
            let lower = given.lowercased()
            if isPostgresURL(given) { return StoreLocation(url: given) }
            var path = given
            if lower.hasPrefix("sqlite:") { path = String(given.dropFirst("sqlite:".count)) }
            if path.hasPrefix("~/"), let home = env["HOME"] { path = home + path.dropFirst(1) }
            if path.isEmpty || path.hasSuffix("/") {
                throw CollabError(.config, "invalid store path '\(given)': expected a file path")
            }
            return StoreLocation(path: path, isDefault: false)
        }
        let base: String
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = env["HOME"], !home.isEmpty {
            base = home + "/.local/share"
        } else {
            throw CollabError(.config, "cannot find the default store: set COLLAB_DB or HOME")
        }
        return StoreLocation(path: base + "/collab/collab.db", isDefault: true)
    }

    /// The folder that holds the file.
    package var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Removes the file and its WAL companions (a store that failed to initialise).
    package func remove() {
        if isPostgres { return }
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Whether the file exists.
    package var exists: Bool { isPostgres || access(path, F_OK) == 0 }

    /// Creates the folder (0700, parents too) and an empty file (0600) if they are missing.
    package func createFile() throws {
        if isPostgres { return }
        try Self.makeFolders(folder)
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        if fd < 0 { throw CollabError(.io, "cannot create store '\(path)': \(String(cString: strerror(errno)))") }
        close(fd)
    }

    private static func makeFolders(_ folder: String) throws {
        if folder.isEmpty || access(folder, F_OK) == 0 { return }
        if let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
            try makeFolders(String(folder[..<slash]))
        }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw CollabError(.io, "cannot create folder '\(folder)': \(String(cString: strerror(errno)))")
        }
    }
}
