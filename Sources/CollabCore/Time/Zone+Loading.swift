import Synchronization

extension Zone {
    /// Zones already read, by identifier: a program reads each file once.
    private static let cache = Mutex<[String: Zone]>([:])

    /// The zone with this IANA name (`Europe/Paris`, `America/New_York`, `UTC`), read from
    /// the zoneinfo directory; throws `unknownZone` for unknown names and for anything that
    /// looks like a path (`../etc/passwd`, `/etc/localtime`).
    package static func named(_ identifier: String) throws -> Zone {
        if let zone = cache.withLock({ $0[identifier] }) { return zone }
        guard isPlainName(identifier) else { throw TimeError.unknownZone(identifier) }
        guard let bytes = ZoneFiles.contents(of: ZoneFiles.directory + "/" + identifier) else {
            // UTC works even on a machine without zoneinfo, and in any case.
            if ["utc", "etc/utc", "z", "zulu", "etc/zulu"].contains(identifier.lowercased()) { return utc }
            throw TimeError.unknownZone(identifier)
        }
        // zoneinfo also holds tables (zone.tab, leapseconds): they are not zones.
        guard bytes.starts(with: Array("TZif".utf8)) else { throw TimeError.unknownZone(identifier) }
        guard let zone = fromTZif(bytes, identifier: identifier) else {
            throw TimeError.invalidZoneData(identifier)
        }
        cache.withLock { $0[identifier] = zone }
        return zone
    }

    /// The zone of this machine: `$TZ` (`Europe/Paris`, `:Europe/Paris`, a file path or a
    /// POSIX rule), else the zone `/etc/localtime` links to or contains, else the name in
    /// `/etc/timezone`, else UTC. Never fails: a bad setting means UTC.
    package static func system() -> Zone {
        if let value = ZoneFiles.environment("TZ") {
            return fromTZVariable(value) ?? utc
        }
        if let target = ZoneFiles.linkTarget("/etc/localtime"), let zone = fromLinkTarget(target) {
            return zone
        }
        if let bytes = ZoneFiles.contents(of: "/etc/localtime"),
           let zone = fromTZif(bytes, identifier: "localtime") {
            return zone
        }
        if let bytes = ZoneFiles.contents(of: "/etc/timezone", limit: 4096) {
            let name = String(decoding: bytes, as: UTF8.self)
                .split(whereSeparator: { $0 == "\n" || $0 == " " }).first.map(String.init) ?? ""
            if let zone = try? named(name) { return zone }
        }
        return utc
    }

    /// The zone a `TZ` value names, or nil when it names none.
    static func fromTZVariable(_ value: String) -> Zone? {
        let name = value.hasPrefix(":") ? String(value.dropFirst()) : value
        if name.isEmpty { return utc }  // POSIX: an empty TZ means UTC
        if name.hasPrefix("/") {
            if let zone = fromLinkTarget(name) { return zone }
            return ZoneFiles.contents(of: name).flatMap { fromTZif($0, identifier: name) }
        }
        if let zone = try? named(name) { return zone }
        return PosixRule.parse(name).map { Zone(identifier: name, types: [], rule: $0) }
    }

    /// The zone named by the part of a path after `zoneinfo/`, e.g. `../usr/share/zoneinfo/Europe/Paris`.
    static func fromLinkTarget(_ target: String) -> Zone? {
        let marker = Array("zoneinfo/".utf8)
        let bytes = Array(target.utf8)
        guard bytes.count >= marker.count,
              let start = (0...(bytes.count - marker.count)).last(where: {
                  Array(bytes[$0..<$0 + marker.count]) == marker
              })
        else { return nil }
        let name = String(decoding: bytes[(start + marker.count)...], as: UTF8.self)
        // `posix/Europe/Paris` is the same zone as `Europe/Paris`: keep the usual name.
        for prefix in ["posix/", "right/"] where name.hasPrefix(prefix) {
            if let zone = try? named(String(name.dropFirst(prefix.count))) { return zone }
        }
        return try? named(name)
    }

    /// Whether `identifier` is a zone name and not a path: letters, digits, `_+-.` in
    /// `/`-separated parts, none of them empty, `.` or `..`, and no leading `.` or `-`.
    static func isPlainName(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, identifier.utf8.count <= 255 else { return false }
        for part in identifier.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = part.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-")
            else { return false }
            let allowed = part.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(TimeScanner.lower(byte))
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
            guard allowed else { return false }
        }
        return true
    }
}
