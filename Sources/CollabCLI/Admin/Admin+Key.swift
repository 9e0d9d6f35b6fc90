import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin key …`
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Generate, rotate, revoke and list Ed25519 signing keys.",
            discussion: """
                The private key goes to a 0600 file KEY-ID.pem under $XDG_CONFIG_HOME/collab/keys (else \
                ~/.config/collab/keys) of whoever runs the command; the store keeps the public key and its \
                validity. A group's key is the organisation's seal: an admin generates it and hands the \
                file to the members who apply the seal.
                """,
            subcommands: [Generate.self, Rotate.self, Revoke.self, List.self])
    }
}

extension CollabAdmin.Key {
    /// The holder a command names: the acting user, another user (admin), or a group.
    static func holder(_ ctx: Context, user: String?, group: String?) throws -> String {
        if let group { return "group:" + (try Slug.validate(group, field: "group")) }
        return try Slug.validate(user ?? ctx.actingUserId, field: "user")
    }

    static func make(_ ctx: Context, _ write: WriteOptions, holder: String, validUntil: String?, rotating: Bool) throws {
        let until = try validUntil.map { try ctx.time($0, field: "valid-until") }
        let env = ctx.environment
        let records = try ctx.write(write) { tx, actor -> [JSONObject] in
            let (key, pem, retired) = try SigningKey.generate(tx, actor, holder: holder, validUntil: until, rotating: rotating)
            var r = key.record
            let path = KeyFiles.path(env, key.id)
            if !tx.isDryRun { try KeyFiles.write(pem, to: path) }
            r["private_key_file"] = .string(path)
            return (retired.map { [$0.record] } ?? []) + [r]
        }
        for r in records { try ctx.emit(r) }
    }

    /// Whose key `generate` and `rotate` make: the acting user's, or (admins) a group's seal
    /// key or another user's.
    struct HolderOptions: ParsableArguments {
        @Option(help: "The seal key of this group (admin only).") var group: String?
        @Option(help: "This user's key (admin only; the file is written in your own key folder).") var user: String?
        @Option(help: "When the key stops being valid.") var validUntil: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if group != nil && user != nil { throw ValidationError("--group and --user cannot be used together") }
        }

        func make(_ ctx: Context, rotating: Bool) throws {
            try CollabAdmin.Key.make(
                ctx, write, holder: try CollabAdmin.Key.holder(ctx, user: user, group: group), validUntil: validUntil, rotating: rotating)
        }
    }

    struct Generate: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate your signing key (an admin: a group's seal key with --group).",
            discussion: "Exit 73 if the holder already has an active key: use 'key rotate'. Prints the key with private_key_file.")
        static var storeAccess: StoreAccess { .write }
        @OptionGroup var options: HolderOptions
        var global: GlobalOptions { options.global }
        func run(_ ctx: Context) throws { try options.make(ctx, rotating: false) }
    }

    struct Rotate: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Replace the active key by a new one; the old one is retired (still checks its signatures).")
        static var storeAccess: StoreAccess { .write }
        @OptionGroup var options: HolderOptions
        var global: GlobalOptions { options.global }
        func run(_ ctx: Context) throws { try options.make(ctx, rotating: true) }
    }

    struct Revoke: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke keys: no signature can be made with them; 'collab-doc verify' flags those made before.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Key ids (key-N or N); '-' reads them from standard input.") var keys: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(keys)
            let records = try ctx.write(write) { tx, actor in try ids.map { try SigningKey.revoke(tx, actor, $0).record } }
            for r in records { try ctx.emit(r) }
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List active public keys (--all: retired and revoked too), oldest first.")

        @Option(help: "Only this user's keys.") var user: String?
        @Option(help: "Only this group's keys.") var group: String?
        @Flag(help: "Include retired and revoked keys.") var all = false
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if group != nil && user != nil { throw ValidationError("--group and --user cannot be used together") }
        }

        func run(_ ctx: Context) throws {
            _ = try ctx.actor()
            let holder = group.map { "group:" + $0 } ?? user
            try ctx.read { sql in try SigningKey.each(sql, holder: holder, all: all) { try ctx.emit($0.record); return true } }
        }
    }
}
