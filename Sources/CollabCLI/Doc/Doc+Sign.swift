import ArgumentParser
import CollabCore

extension CollabDoc {
    /// The signer of `sign` and `seal`: the holder's active key, its private half read from
    /// `keyFile` or the acting user's key folder.
    static func signer(_ ctx: Context, _ tx: Transaction, keyFile: String?) -> Circuits.Signer {
        let env = ctx.environment
        return { statement, holder in
            guard let key = try SigningKey.active(tx.sql, holder: holder) else {
                throw CollabError(.config, "\(holder) has no active signing key: run 'collab-admin key generate'\(holder.hasPrefix("group:") ? " --group \(holder.dropFirst(6))" : "")")
            }
            if let until = key.validUntil, until <= tx.timestamp {
                throw CollabError(.config, "\(key.id) of \(holder) expired at \(until): run 'collab-admin key rotate'")
            }
            let path = keyFile ?? KeyFiles.path(env, key.id)
            let sig = try Ed25519Keys.sign(statement, privatePEM: try KeyFiles.read(path), publicHex: key.publicKey, file: path)
            return (Hex.encode(sig), key.id)
        }
    }

    struct Sign: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a document on the active signature step, with your Ed25519 key.",
            discussion: """
                The signature covers the canonical JSON statement {doc, version, sha256, step, signer, \
                on_behalf_of, ts}. The private key is read from KEY-ID.pem in your key folder \
                (see 'collab-admin key generate') or --key-file. Prints the decision and the circuit.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Option(help: "A comment.") var comment: String?
        @Option(name: .customLong("for"), help: "Act on behalf of this user (who delegated to you).") var forUser: String?
        @Option(help: "The private key file (default: your key folder's).") var keyFile: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let (d, c) = try ctx.write(write) { tx, actor in
                let (d, c) = try Circuits.decide(
                    tx, actor, doc, .sign, comment: comment, forUser: forUser, signer: CollabDoc.signer(ctx, tx, keyFile: keyFile))
                return (d.record(), try c.record(tx.sql))
            }
            try ctx.emit(d)
            try ctx.emit(c)
        }
    }

    struct Seal: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Apply the organisation's seal on the active seal step (a member of the group holding the seal key).",
            discussion: "The group's private key is read from KEY-ID.pem in your key folder or --key-file.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document.") var doc: String
        @Option(help: "A comment.") var comment: String?
        @Option(help: "The seal's private key file (default: your key folder's).") var keyFile: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let (d, c) = try ctx.write(write) { tx, actor in
                let (d, c) = try Circuits.decide(
                    tx, actor, doc, .seal, comment: comment, forUser: nil, signer: CollabDoc.signer(ctx, tx, keyFile: keyFile))
                return (d.record(), try c.record(tx.sql))
            }
            try ctx.emit(d)
            try ctx.emit(c)
        }
    }

    struct Verify: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Re-check every signature and seal of a document.",
            discussion: """
                Prints one signature record each: the version and SHA-256 signed, valid, the problems \
                found, the key's status and revocation time, and changed_since when the document moved on \
                after signing. Exit 65 when a signature does not hold, 1 when there is none.
                """)

        @Argument(help: "The document.") var doc: String
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let checks = try ctx.read { sql in try Circuits.verify(sql, try Documents.readableDocument(sql, actor, doc)) }
            guard !checks.isEmpty else { throw CollabError(.notFound, "\(doc) has no signature") }
            for c in checks { try ctx.emit(c.record) }
            let bad = checks.filter { !$0.valid }
            if !bad.isEmpty {
                throw CollabError(.badInput, "\(bad.count) of \(checks.count) signatures do not hold: \(bad[0].problems.joined(separator: "; "))")
            }
        }
    }

    struct Export: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a document's signed versions, statements, signatures and public keys for OpenSSL.",
            discussion: """
                Into --dir: DOC@N.EXT (each signed version), DEC.statement.json (the exact bytes signed), \
                DEC.sig (the raw 64-byte Ed25519 signature), KEY.pem (the public key, SubjectPublicKeyInfo) \
                and README.txt with the openssl commands that check them. Prints an export record.
                """)

        @Argument(help: "The document.") var doc: String
        @Option(help: "The folder to write to (created if needed).") var dir: String
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let (id, files) = try ctx.read { sql in
                let d = try Documents.readableDocument(sql, actor, doc)
                return (d.id, try Circuits.export(sql, d, to: dir))
            }
            try ctx.emit(JSONObject([
                ("type", .string("export")), ("id", .string(id)), ("dir", .string(dir)),
                ("files", .array(files.map(JSONValue.string))),
            ]))
        }
    }
}
