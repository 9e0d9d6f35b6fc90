#if canImport(Glibc)
import Glibc
#endif
internal import Crypto

extension Circuits {
    /// What checking one signature found.
    package struct SignatureCheck: Sendable {
        package var decision: Decision
        package var key: SigningKey?
        package var sha256: String
        package var problems: [String]
        package var changedSince: Bool
        package var currentVersion: Int64

        /// Whether the signature holds.
        package var valid: Bool { problems.isEmpty }

        /// The `signature` record `verify` prints.
        package var record: JSONObject {
            var o = JSONObject()
            o["type"] = .string("signature")
            o["id"] = .string(decision.id)
            o["doc"] = .string(decision.doc)
            o["version"] = .int(decision.version)
            o["sha256"] = .string(sha256)
            o["step"] = .int(decision.step)
            o["action"] = .string(decision.action.rawValue)
            o["signer"] = .string(decision.user)
            o.set("on_behalf_of", decision.onBehalfOf)
            o["ts"] = .string(decision.ts)
            o.set("key", decision.key)
            o.set("key_status", key?.status.rawValue)
            o.set("key_revoked", key?.revoked)
            o["valid"] = .bool(valid)
            o["problems"] = .array(problems.map(JSONValue.string))
            o["current_version"] = .int(currentVersion)
            o["changed_since"] = .bool(changedSince)
            return o
        }
    }

    /// The signatures and seals standing on a document, oldest first.
    package static func signatures(_ sql: SQL, _ doc: Document) throws -> [(Decision, Circuit)] {
        var out: [(Decision, Circuit)] = []
        try eachCircuit(sql, doc.id) { c in
            for d in try decisions(sql, c.id) where d.undone == nil && (d.action == .sign || d.action == .seal) { out.append((d, c)) }
            return true
        }
        return out
    }

    /// Re-checks every signature of a document: the statement still says what the
    /// decision says, the signature verifies with the key, the key was valid then, the
    /// stored content still hashes to what was signed; and whether the document changed.
    package static func verify(_ sql: SQL, _ doc: Document) throws -> [SignatureCheck] {
        var contentOK: [String: Bool] = [:]
        return try signatures(sql, doc).map { d, c in
            var problems: [String] = []
            let key = try d.key.flatMap { try sql.first("SELECT \(SigningKey.columns) FROM signing_keys WHERE id = ?", [.text($0)], SigningKey.row) }
            let expected = statement(
                doc: d.doc, version: d.version, sha256: c.sha256, step: d.step, signer: d.user, onBehalfOf: d.onBehalfOf, ts: d.ts)
            let stored = Array((d.statement ?? "").utf8)
            if stored != expected { problems.append("the statement does not match the decision") }
            if let key {
                if !Ed25519Keys.verify(stored, signature: Hex.decode(d.signature ?? "") ?? [], publicHex: key.publicKey) {
                    problems.append("the signature does not verify with \(key.id)")
                }
                if d.ts < key.validFrom || key.validUntil.map({ d.ts > $0 }) == true {
                    problems.append("\(key.id) was not valid at \(d.ts)")
                }
                if let r = key.revoked, r < d.ts { problems.append("\(key.id) was revoked at \(r), before the signature") }
            } else {
                problems.append("the signing key \(d.key ?? "?") is not in the store")
            }
            if contentOK[c.sha256] == nil { contentOK[c.sha256] = try hashes(sql, c.sha256) }
            if contentOK[c.sha256] == false { problems.append("the stored content no longer hashes to \(c.sha256)") }
            return SignatureCheck(
                decision: d, key: key, sha256: c.sha256, problems: problems,
                changedSince: doc.version != d.version || doc.sha256 != c.sha256, currentVersion: doc.version)
        }
    }

    /// Whether the stored content `sha256` still hashes to it.
    static func hashes(_ sql: SQL, _ sha256: String) throws -> Bool {
        var hasher = SHA256()
        try ContentStore.eachChunk(sql, sha256) { hasher.update(data: $0); return true }
        return Hex.encode(Array(hasher.finalize())) == sha256
    }

    /// Writes, into `dir`, each signed version, each statement (the exact bytes signed),
    /// each signature (raw 64 bytes), each public key (PEM) and a README of the OpenSSL
    /// commands that check them. Returns the files written.
    package static func export(_ sql: SQL, _ doc: Document, to dir: String) throws -> [String] {
        let sigs = try signatures(sql, doc)
        guard !sigs.isEmpty else { throw CollabError(.notFound, "\(doc.id) has no signature to export") }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw CollabError(.io, "cannot create '\(dir)': \(String(cString: strerror(errno)))")
        }
        var files: [String] = []
        func put(_ name: String, _ bytes: [UInt8]) throws {
            let path = dir + "/" + name
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw CollabError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            try ContentStore.writeAll(fd, bytes, name: path)
            files.append(path)
        }
        let ext = doc.title.split(separator: ".").count > 1 ? "." + doc.title.split(separator: ".").last! : ".bin"
        var readme = """
            Signatures of \(doc.id) "\(doc.title)", exported by collab.

            Each signature covers a statement: the canonical JSON in DEC.statement.json (the exact
            bytes signed), naming the document, the version, the SHA-256 of its content, the step,
            the signer, on whose behalf, and when. To check without collab (OpenSSL 3):

            """
        var versions: Set<Int64> = []
        var keys: Set<String> = []
        for (d, c) in sigs {
            let content = "\(doc.id)@\(d.version)\(ext)"
            if versions.insert(d.version).inserted {
                let path = dir + "/" + content
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw CollabError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
                do { try ContentStore.write(sql, c.sha256, to: fd, name: path) } catch { close(fd); throw error }
                close(fd)
                files.append(path)
            }
            try put("\(d.id).statement.json", Array((d.statement ?? "").utf8))
            try put("\(d.id).sig", Hex.decode(d.signature ?? "") ?? [])
            if let k = d.key, keys.insert(k).inserted,
               let key = try sql.first("SELECT \(SigningKey.columns) FROM signing_keys WHERE id = ?", [.text(k)], SigningKey.row) {
                try put("\(k).pem", Array(key.publicKeyPEM.utf8))
            }
            readme += """

                \(d.id): \(d.action.rawValue) of version \(d.version) at step \(d.step) by \(d.user)\(d.onBehalfOf.map { " on behalf of " + $0 } ?? "") at \(d.ts), key \(d.key ?? "?")
                  openssl pkeyutl -verify -pubin -inkey \(d.key ?? "KEY").pem -rawin -in \(d.id).statement.json -sigfile \(d.id).sig
                  sha256sum \(content)    # must print \(c.sha256), the sha256 of the statement

                """
        }
        try put("README.txt", Array(readme.utf8))
        return files
    }
}
