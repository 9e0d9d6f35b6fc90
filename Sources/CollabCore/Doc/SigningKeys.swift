#if canImport(Glibc)
import Glibc
#endif
internal import Crypto

/// An Ed25519 signing key: its public half and validity live in the store, its private
/// half in a 0600 file of its holder's (SPEC §9).
package struct SigningKey: Equatable, Sendable {
    /// Where a key is in its life.
    package enum Status: String, Sendable, CaseIterable { case active, retired, revoked }

    package var id: String
    package var num: Int64
    /// `user` or `group` (a group holds the organisation's seal).
    package var ownerType: String
    package var owner: String
    /// The raw 32-byte public key, hex.
    package var publicKey: String
    package var status: Status
    package var validFrom: String
    package var validUntil: String?
    package var revoked: String?
    package var rev: Int64
    package var created: String
    package var updated: String

    static let columns =
        "id, num, owner_type, owner, public_key, status, valid_from, valid_until, revoked, rev, created, updated"

    static func row(_ r: Row) -> SigningKey {
        SigningKey(
            id: r.string(0), num: r.int(1), ownerType: r.string(2), owner: r.string(3), publicKey: r.string(4),
            status: Status(rawValue: r.string(5)) ?? .active, validFrom: r.string(6), validUntil: r.optString(7),
            revoked: r.optString(8), rev: r.int(9), created: r.string(10), updated: r.string(11))
    }

    /// The owner as steps and statements name it: `alice` or `group:direction`.
    package var holder: String { ownerType == "group" ? "group:" + owner : owner }

    /// The `key` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("key")
        o["id"] = .string(id)
        o["owner"] = .string(holder)
        o["algorithm"] = .string("ed25519")
        o["public_key"] = .string(publicKey)
        o["status"] = .string(status.rawValue)
        o["valid_from"] = .string(validFrom)
        o.set("valid_until", validUntil)
        o.set("revoked", revoked)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    /// The public key as PEM (SubjectPublicKeyInfo, OID 1.3.101.112), as OpenSSL reads it.
    package var publicKeyPEM: String {
        PEM.encode(Ed25519Keys.spkiPrefix + (Hex.decode(publicKey) ?? []), label: "PUBLIC KEY")
    }
}

/// Ed25519 key pairs, PEM files and signatures.
package enum Ed25519Keys {
    /// DER before the 32 raw bytes of a SubjectPublicKeyInfo of an Ed25519 key.
    static let spkiPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
    /// DER before the 32 raw bytes of a PKCS #8 private key of Ed25519.
    static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    /// A new key pair: the private key as PKCS #8 PEM, the public key raw (hex).
    package static func generate() -> (privatePEM: String, publicHex: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (PEM.encode(pkcs8Prefix + Array(key.rawRepresentation), label: "PRIVATE KEY"),
                Hex.encode(Array(key.publicKey.rawRepresentation)))
    }

    /// Signs `message` with the PKCS #8 PEM private key `pem`; checks it matches `publicHex`.
    package static func sign(_ message: [UInt8], privatePEM pem: String, publicHex: String, file: String) throws -> [UInt8] {
        guard let der = PEM.decode(pem, label: "PRIVATE KEY"), der.count == 48, Array(der.prefix(16)) == pkcs8Prefix,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: Array(der.suffix(32)))
        else { throw CollabError(.config, "'\(file)' is not an Ed25519 private key in PEM") }
        guard Hex.encode(Array(key.publicKey.rawRepresentation)) == publicHex else {
            throw CollabError(.config, "'\(file)' does not hold the private half of this key")
        }
        guard let sig = try? key.signature(for: message) else { throw CollabError(.internal, "signing failed (please report)") }
        return Array(sig)
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by `publicHex`.
    package static func verify(_ message: [UInt8], signature: [UInt8], publicHex: String) -> Bool {
        guard let raw = Hex.decode(publicHex), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// Lowercase hex.
package enum Hex {
    /// Hex of bytes.
    package static func encode(_ bytes: [UInt8]) -> String { ContentStore.hex(bytes) }

    /// Bytes of hex text, or nil.
    package static func decode(_ text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let a = v(u[i]), let b = v(u[i + 1]) else { return nil }
            out.append(a << 4 | b)
            i += 2
        }
        return out
    }
}

/// PEM armour (RFC 7468): base64 in lines of 64.
package enum PEM {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The PEM text of DER bytes.
    package static func encode(_ der: [UInt8], label: String) -> String {
        var b64: [UInt8] = []
        var i = 0
        while i < der.count {
            let n = min(3, der.count - i)
            let chunk = (UInt32(der[i]) << 16) | (n > 1 ? UInt32(der[i + 1]) << 8 : 0) | (n > 2 ? UInt32(der[i + 2]) : 0)
            for j in 0..<4 {
                b64.append(j <= n ? alphabet[Int((chunk >> (18 - 6 * UInt32(j))) & 63)] : UInt8(ascii: "="))
            }
            i += 3
        }
        var out = "-----BEGIN \(label)-----\n"
        var k = 0
        while k < b64.count {
            out += String(decoding: b64[k..<min(k + 64, b64.count)], as: UTF8.self) + "\n"
            k += 64
        }
        return out + "-----END \(label)-----\n"
    }

    /// The DER bytes inside PEM text with this label, or nil.
    package static func decode(_ pem: String, label: String) -> [UInt8]? {
        guard let start = pem.range(of: "-----BEGIN \(label)-----"), let end = pem.range(of: "-----END \(label)-----"),
              start.upperBound <= end.lowerBound else { return nil }
        var values: [UInt8] = []
        for c in pem[start.upperBound..<end.lowerBound].utf8 {
            if let i = alphabet.firstIndex(of: c) { values.append(UInt8(i)) } else if c == UInt8(ascii: "=") { break }
            else if c != 10 && c != 13 && c != 32 { return nil }
        }
        var out: [UInt8] = []
        var i = 0
        while i + 1 < values.count {
            let n = min(4, values.count - i)
            var acc: UInt32 = 0
            for j in 0..<4 { acc = acc << 6 | (j < n ? UInt32(values[i + j]) : 0) }
            out.append(UInt8(acc >> 16))
            if n > 2 { out.append(UInt8((acc >> 8) & 255)) }
            if n > 3 { out.append(UInt8(acc & 255)) }
            i += 4
        }
        return out
    }
}
