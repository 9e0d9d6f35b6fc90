import Testing
import _CollabTestSupport

/// `collab-admin key generate|rotate|revoke|list`, `collab-doc sign|seal|verify|export`,
/// checked by the real OpenSSL.
@Suite struct DocSignatureTests {
    /// Users alice (owner of doc-1, member of direction, which holds the seal) and maire;
    /// maire has a key; the seal key's file is copied to alice's key folder.
    private func sandbox(sealKey: Bool = true) throws -> Sandbox {
        let s = try Sandbox()
        try s.addUsers("alice", "maire", "bob")
        try s.ok("group", "add", "direction", "--member", "alice")
        try s.docOK("folder", "add", "/actes", "--visibility", "public")
        try s.docOK("folder", "share", "/actes", "alice:write")
        _ = try s.addDoc("arrete.txt", "arrêté n°12\n", folder: "/actes", as: "alice")
        try s.ok("key", "generate", env: ["COLLAB_USER": "maire"])
        if sealKey { try s.ok("key", "generate", "--group", "direction") }
        return s
    }

    private func openssl(_ s: Sandbox, _ args: [String]) throws -> RunResult {
        try s.run("openssl", args)
    }

    @Test func generateWritesAPrivateKeyFileAndStoresThePublicKey() throws {
        let s = try Sandbox()
        try s.addUsers("alice")
        let k = try s.ok("key", "generate", env: ["COLLAB_USER": "alice"]).record()
        #expect(k.string("type") == "key")
        #expect(k.string("id") == "key-1")
        #expect(k.string("owner") == "alice")
        #expect(k.string("status") == "active")
        #expect(k.string("public_key")?.count == 64)
        let file = try #require(k.string("private_key_file"))
        #expect(file == s.path + "/.config/collab/keys/key-1.pem")
        #expect(Sandbox.mode(of: file) == 0o600)
        #expect(Sandbox.mode(of: s.path + "/.config/collab/keys") == 0o700)
        // OpenSSL reads the private key, and derives the public key the store holds.
        let pub = try openssl(s, ["pkey", "-in", file, "-pubout", "-outform", "DER"])
        try #require(pub.status == 0, "\(pub)")
        #expect(ContentHex.hex(Array(pub.stdoutBytes.suffix(32))) == k.string("public_key"))
        try s.fails(73, "key", "generate", env: ["COLLAB_USER": "alice"])
        #expect(try s.ok("key", "list", "-q").lines == ["key-1"])
    }

    @Test func xdgConfigHomeIsHonoured() throws {
        let s = try Sandbox()
        let k = try s.ok("key", "generate", env: ["XDG_CONFIG_HOME": s.path + "/cfg"]).record()
        #expect(k.string("private_key_file") == s.path + "/cfg/collab/keys/key-1.pem")
        #expect(Sandbox.mode(of: s.path + "/cfg/collab/keys/key-1.pem") == 0o600)
    }

    @Test func rotateRetiresAndRevokeFlags() throws {
        let s = try Sandbox()
        try s.addUsers("alice", "bob")
        try s.fails(73, "key", "rotate", env: ["COLLAB_USER": "alice"])
        try s.ok("key", "generate", env: ["COLLAB_USER": "alice"])
        let r = try s.ok("key", "rotate", env: ["COLLAB_USER": "alice"]).records()
        #expect(r.map { $0.string("id") } == ["key-1", "key-2"])
        #expect(r[0].string("status") == "retired")
        #expect(r[0].string("valid_until") == Sandbox.now)
        #expect(try s.ok("key", "list", "--user", "alice", "-q").lines == ["key-2"])
        #expect(try s.ok("key", "list", "--user", "alice", "--all", "-q").lines == ["key-1", "key-2"])
        try s.fails(77, "key", "revoke", "key-2", env: ["COLLAB_USER": "bob"])
        try s.fails(77, "key", "generate", "--group", "direction", env: ["COLLAB_USER": "alice"])
        try s.fails(1, "key", "revoke", "key-9")
        let revoked = try s.ok("key", "revoke", "2", env: ["COLLAB_USER": "alice"]).record()
        #expect(revoked.string("status") == "revoked")
        #expect(revoked.string("revoked") == Sandbox.now)
        #expect(try s.ok("key", "list", "-q").lines == [])
    }

    @Test func aSignatureIsVerifiedAndAnUpdateIsReported() throws {
        let s = try sandbox()
        try s.docOK("circuit", "start", "doc-1", "--step", "visa:alice", "--step", "signature:maire", as: "alice")
        let wrong = try s.docFails(73, "sign", "doc-1", as: "alice")
        #expect(wrong.stderr.contains("approve"))
        try s.docOK("approve", "doc-1", as: "alice")
        try s.docFails(77, "sign", "doc-1", as: "bob")
        try s.docFails(73, "approve", "doc-1", as: "maire")
        let r = try s.docOK("sign", "doc-1", as: "maire").records()
        #expect(r[0].string("action") == "sign")
        #expect(r[0].string("key") == "key-1")
        #expect(r[0].string("signature")?.count == 128)
        #expect(r[1].string("state") == "approved")
        let v = try s.docOK("verify", "doc-1").record()
        #expect(v.string("type") == "signature")
        #expect(v.bool("valid") == true)
        #expect(v.int("version") == 1)
        #expect(v.string("signer") == "maire")
        #expect(v.bool("changed_since") == false)
        // The document changes after signing: verify says which version was signed.
        try s.file("v2.txt", "arrêté n°12, modifié\n")
        try s.docOK("update", "doc-1", "v2.txt", as: "alice")
        let after = try s.docOK("verify", "doc-1").record()
        #expect(after.bool("valid") == true)
        #expect(after.bool("changed_since") == true)
        #expect(after.int("version") == 1)
        #expect(after.int("current_version") == 2)
        // A key revoked later is flagged, the signature still holds.
        try s.ok("key", "revoke", "key-1")
        let revoked = try s.docOK("verify", "doc-1").record()
        #expect(revoked.string("key_status") == "revoked")
        #expect(revoked.string("key_revoked") == Sandbox.now)
        // A forged signature does not hold.
        try s.sqlite("UPDATE decisions SET signature = (CASE substr(signature, 1, 1) WHEN '0' THEN '1' ELSE '0' END) || substr(signature, 2) WHERE action = 'sign';")
        let forged = try s.docFails(65, "verify", "doc-1")
        #expect(try forged.record().bool("valid") == false)
    }

    @Test func signingNeedsAKeyAndItsFile() throws {
        let s = try sandbox(sealKey: false)
        try s.docOK("circuit", "start", "doc-1", "--step", "seal:group:direction", as: "alice")
        let none = try s.docFails(78, "seal", "doc-1", as: "alice")
        #expect(none.stderr.contains("--group direction"))
        try s.ok("key", "generate", "--group", "direction", env: ["XDG_CONFIG_HOME": s.path + "/admin"])
        // The seal's private file is with the admin, not yet with alice.
        try s.docFails(78, "seal", "doc-1", as: "alice")
        try s.docFails(77, "seal", "doc-1", "--key-file", "admin/collab/keys/key-2.pem", as: "bob")
        let sealed = try s.docOK("seal", "doc-1", "--key-file", "admin/collab/keys/key-2.pem", as: "alice").records()
        #expect(sealed[0].string("action") == "seal")
        #expect(sealed[1].string("state") == "approved")
        try s.docFails(1, "verify", "doc-9")
    }

    @Test func exportIsCheckedByOpenSSLAlone() throws {
        let s = try sandbox()
        try s.docFails(1, "export", "doc-1", "--dir", "out")
        try s.docOK("delegate", "--to", "bob", "--until", "+1d", as: "maire")
        try s.docOK("circuit", "start", "doc-1", "--step", "signature:maire", "--step", "seal:group:direction", as: "alice")
        // A delegate signs with their own key, on behalf of the delegator.
        try s.docFails(78, "sign", "doc-1", as: "bob")
        try s.ok("key", "generate", env: ["COLLAB_USER": "bob"])
        let signed = try s.docOK("sign", "doc-1", as: "bob").records()[0]
        #expect(signed.string("on_behalf_of") == "maire")
        #expect(signed.string("key") == "key-3")
        try s.docOK("seal", "doc-1", as: "alice")
        let e = try s.docOK("export", "doc-1", "--dir", "out").record()
        #expect(e.string("type") == "export")
        let files = Set((e.strings("files") ?? []).map { String($0.split(separator: "/").last!) })
        #expect(files == ["doc-1@1.txt", "dec-1.statement.json", "dec-1.sig", "key-3.pem", "dec-2.statement.json", "dec-2.sig", "key-2.pem", "README.txt"])
        for dec in ["dec-1", "dec-2"] {
            let statement = try TestJSON.parse(String(decoding: Sandbox.read(s.path + "/out/\(dec).statement.json"), as: UTF8.self)) as? [String: Any]
            let key = try #require(try s.docOK("circuit", "show", "doc-1").record().objects("steps")?
                .flatMap { $0.objects("decisions") ?? [] }.first { $0.string("id") == dec }?.string("key"))
            #expect(Sandbox.size(of: s.path + "/out/\(dec).sig") == 64)
            let ok = try s.run(
                "openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "out/\(key).pem", "-rawin", "-in", "out/\(dec).statement.json", "-sigfile", "out/\(dec).sig"])
            #expect(ok.status == 0, "\(ok)")
            #expect(ok.stdout.contains("Signature Verified Successfully"))
            let sum = try s.run("sha256sum", ["out/doc-1@1.txt"])
            #expect(String(sum.stdout.prefix(64)) == statement?["sha256"] as? String)
        }
        #expect(String(decoding: Sandbox.read(s.path + "/out/README.txt"), as: UTF8.self).contains("openssl pkeyutl -verify"))
        // A statement altered by one byte no longer verifies.
        var altered = Sandbox.read(s.path + "/out/dec-1.statement.json")
        altered[altered.count - 2] ^= 1
        try s.writeFile("out/dec-1.statement.json", bytes: altered)
        let bad = try s.run(
            "openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "out/key-3.pem", "-rawin", "-in", "out/dec-1.statement.json", "-sigfile", "out/dec-1.sig"])
        #expect(bad.status != 0)
    }
}

/// Hex for the tests.
enum ContentHex {
    static func hex(_ bytes: [UInt8]) -> String {
        let d = Array("0123456789abcdef")
        return String(bytes.flatMap { [d[Int($0 >> 4)], d[Int($0 & 15)]] })
    }
}
