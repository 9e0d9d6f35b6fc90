extension Zone {
    /// Builds a zone from the bytes of a TZif file (RFC 8536), preferring the 64-bit data
    /// of version 2 and later and its POSIX TZ footer; nil when the data is malformed.
    static func fromTZif(_ bytes: [UInt8], identifier: String) -> Zone? {
        var reader = TZifReader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        guard first.version >= 2 else {
            return reader.body(first, timeSize: 4, identifier: identifier, rule: nil)
        }
        // Skip the version 1 block; the same data follows with 64-bit times.
        guard reader.skip(first.blockSize(timeSize: 4)), let second = reader.header(),
              second.version >= 2
        else { return nil }
        let bodyStart = reader.offset
        guard reader.skip(second.blockSize(timeSize: 8)) else { return nil }
        var rule: PosixRule?
        if let footer = reader.footer(), !footer.isEmpty {
            rule = PosixRule.parse(footer)
            if rule == nil { return nil }
        }
        reader.offset = bodyStart
        return reader.body(second, timeSize: 8, identifier: identifier, rule: rule)
    }
}

/// Reads the parts of a TZif file in order.
private struct TZifReader {
    struct Header {
        var version: Int
        var isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount: Int

        func blockSize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount
                + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    let bytes: [UInt8]
    var offset = 0

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, offset + count <= bytes.count else { return false }
        offset += count
        return true
    }

    mutating func header() -> Header? {
        guard offset + 44 <= bytes.count, Array(bytes[offset..<offset + 4]) == Array("TZif".utf8)
        else { return nil }
        let versionByte = bytes[offset + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
        guard version >= 1 else { return nil }
        offset += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = integer(size: 4), count >= 0 else { return nil }
            counts.append(Int(count))
        }
        return Header(
            version: version, isUTCCount: counts[0], isStandardCount: counts[1],
            leapCount: counts[2], timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
    }

    /// A big-endian two's-complement integer of 4 or 8 bytes.
    mutating func integer(size: Int) -> Int64? {
        guard offset + size <= bytes.count else { return nil }
        var value: UInt64 = 0
        for byte in bytes[offset..<offset + size] { value = value << 8 | UInt64(byte) }
        offset += size
        return size == 4 ? Int64(Int32(truncatingIfNeeded: value)) : Int64(bitPattern: value)
    }

    mutating func footer() -> String? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") else { return nil }
        guard let end = bytes[(offset + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: bytes[(offset + 1)..<end], as: UTF8.self)
    }

    mutating func body(_ header: Header, timeSize: Int, identifier: String, rule: Zone.PosixRule?) -> Zone? {
        guard header.typeCount >= 1, offset + header.blockSize(timeSize: timeSize) <= bytes.count else {
            return nil
        }
        var times: [Int64] = []
        for _ in 0..<header.timeCount {
            guard let time = integer(size: timeSize) else { return nil }
            times.append(time)
        }
        let indices = bytes[offset..<offset + header.timeCount].map(Int.init)
        offset += header.timeCount
        guard indices.allSatisfy({ $0 < header.typeCount }) else { return nil }

        var raw: [(offset: Int, isDaylight: Bool, nameIndex: Int)] = []
        for _ in 0..<header.typeCount {
            guard let utcOffset = integer(size: 4) else { return nil }
            raw.append((Int(utcOffset), bytes[offset] != 0, Int(bytes[offset + 1])))
            offset += 2
        }
        let names = Array(bytes[offset..<offset + header.charCount])
        var types: [Zone.LocalTimeType] = []
        for type in raw {
            guard type.nameIndex < max(names.count, 1) else { return nil }
            let tail = names.isEmpty ? [] : names[type.nameIndex...]
            let name = tail.prefix { $0 != 0 }
            types.append(Zone.LocalTimeType(
                offset: type.offset, isDaylight: type.isDaylight,
                abbreviation: String(decoding: name, as: UTF8.self)))
        }
        // Leap-second records and the standard/UT indicators do not change local time.
        return Zone(
            identifier: identifier, types: types, transitionTimes: times,
            transitionTypes: indices, rule: rule)
    }
}
