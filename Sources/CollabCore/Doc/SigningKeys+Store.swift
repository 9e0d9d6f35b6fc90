#if canImport(Glibc)
import Glibc
#endif

extension SigningKey {
    /// The active key of a holder (`alice` or `group:direction`), if any.
    package static func active(_ sql: SQL, holder: String) throws -> SigningKey? {
        let (type, owner) = split(holder)
        return try sql.first(
            "SELECT \(columns) FROM signing_keys WHERE owner_type = ? AND owner = ? AND status = 'active' ORDER BY num DESC",
            [.text(type), .text(owner)], row)
    }

    /// The key with this id, or not found.
    package static func require(_ sql: SQL, _ id: String) throws -> SigningKey {
        let id = SequenceId("key").id(try SequenceId("key").number(id))
        guard let k = try sql.first("SELECT \(columns) FROM signing_keys WHERE id = ?", [.text(id)], row) else {
            throw CollabError.notFound("key", id)
        }
        return k
    }

    static func split(_ holder: String) -> (String, String) {
        holder.hasPrefix("group:") ? ("group", String(holder.dropFirst(6))) : ("user", holder)
    }

    /// Who may manage a holder's keys: the user themselves, or an admin (a group's seal).
    static func requireHolder(_ sql: SQL, _ actor: Actor, _ holder: String, _ action: String) throws {
        let (type, owner) = split(holder)
        if type == "group" {
            try Access.requireAdmin(actor, action)
            guard try sql.int("SELECT 1 FROM groups WHERE id = ?", [.text(owner)]) != nil else {
                throw CollabError.notFound("group", owner)
            }
        } else if owner != actor.id {
            try Access.requireAdmin(actor, action)
        }
    }

    /// Creates a key for `holder` (no active key must exist unless `rotating`, which
    /// retires it). Returns the key and its private half as PEM, which the caller writes
    /// to the holder's key file.
    package static func generate(
        _ tx: Transaction, _ actor: Actor, holder: String, validUntil: Instant?, rotating: Bool
    ) throws -> (SigningKey, privatePEM: String, retired: SigningKey?) {
        try requireHolder(tx.sql, actor, holder, "manage the keys of \(holder)")
        var retired: SigningKey?
        if var old = try active(tx.sql, holder: holder) {
            guard rotating else {
                throw CollabError.conflict("\(holder) already has an active key (\(old.id)): use 'collab-admin key rotate'")
            }
            old.status = .retired
            old.validUntil = tx.timestamp
            try save(tx, &old)
            retired = old
        } else if rotating {
            throw CollabError.conflict("\(holder) has no active key to rotate: use 'collab-admin key generate'")
        }
        if let validUntil, validUntil <= tx.now {
            throw CollabError.invalid("valid-until", RFC3339.format(validUntil), "the key would never be valid")
        }
        let (pem, pub) = Ed25519Keys.generate()
        let num = try tx.nextNumber("key")
        let (type, owner) = split(holder)
        let key = SigningKey(
            id: "key-\(num)", num: num, ownerType: type, owner: owner, publicKey: pub, status: .active,
            validFrom: tx.timestamp, validUntil: validUntil.map(RFC3339.format), revoked: nil, rev: 1, created: tx.timestamp,
            updated: tx.timestamp)
        try tx.sql.execute(
            "INSERT INTO signing_keys (\(columns)) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, NULL, 1, ?, ?)",
            [.text(key.id), .int(num), .text(type), .text(owner), .text(pub), .text(key.validFrom), .text(key.validUntil),
             .text(key.created), .text(key.updated)])
        try tx.record(.create, "key", key.id, key.record)
        return (key, pem, retired)
    }

    /// Revokes a key: signatures made before stay checkable, flagged; none can be made after.
    package static func revoke(_ tx: Transaction, _ actor: Actor, _ id: String) throws -> SigningKey {
        var key = try require(tx.sql, id)
        try requireHolder(tx.sql, actor, key.holder, "revoke \(key.id)")
        guard key.status != .revoked else { return key }
        key.status = .revoked
        key.revoked = tx.timestamp
        try save(tx, &key)
        return key
    }

    private static func save(_ tx: Transaction, _ k: inout SigningKey) throws {
        k.rev += 1
        k.updated = tx.timestamp
        try tx.sql.execute(
            "UPDATE signing_keys SET status = ?, valid_until = ?, revoked = ?, rev = ?, updated = ? WHERE id = ?",
            [.text(k.status.rawValue), .text(k.validUntil), .text(k.revoked), .int(k.rev), .text(k.updated), .text(k.id)])
        try tx.record(.update, "key", k.id, k.record)
    }

    /// Calls `body` with each key, oldest first (of one holder when given; active only
    /// unless `all`). Public keys are public: anyone may list them.
    package static func each(_ sql: SQL, holder: String?, all: Bool, _ body: (SigningKey) throws -> Bool) throws {
        var cond = all ? "1 = 1" : "status = 'active'"
        var args: [SQLValue] = []
        if let holder {
            let (type, owner) = split(holder)
            cond += " AND owner_type = ? AND owner = ?"
            args += [.text(type), .text(owner)]
        }
        try sql.each("SELECT \(columns) FROM signing_keys WHERE \(cond) ORDER BY num", args) { try body(row($0)) }
    }
}

/// Where private keys live: `$XDG_CONFIG_HOME/collab/keys`, else `~/.config/collab/keys`.
package enum KeyFiles {
    /// The folder of private key files for this environment.
    package static func folder(_ env: [String: String]) -> String {
        if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/collab/keys" }
        return (env["HOME"] ?? "/") + "/.config/collab/keys"
    }

    /// The private key file of a key.
    package static func path(_ env: [String: String], _ keyId: String) -> String { folder(env) + "/" + keyId + ".pem" }

    /// Writes a private key file 0600 (its folders 0700), refusing to replace one.
    package static func write(_ pem: String, to path: String) throws {
        var dir = ""
        for part in path.split(separator: "/").dropLast() {
            dir += "/" + part
            if mkdir(dir, 0o700) != 0 && errno != EEXIST {
                throw CollabError(.io, "cannot create '\(dir)': \(String(cString: strerror(errno)))")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CollabError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, 0o600)
        try ContentStore.writeAll(fd, Array(pem.utf8), name: path)
    }

    /// Reads a private key file.
    package static func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CollabError(.config, "cannot read the private key '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = try ContentStore.fill(fd, &buffer, name: path)
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
