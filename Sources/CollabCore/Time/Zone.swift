/// An IANA time zone read from the system's zoneinfo (TZif files, RFC 8536).
///
/// Instants after the last transition of the file follow the POSIX TZ rule in its footer,
/// so far-future times keep their daylight-saving changes.
package final class Zone: Sendable, CustomStringConvertible {
    /// One kind of local time the zone uses: an offset, a daylight flag, an abbreviation.
    struct LocalTimeType: Hashable, Sendable {
        var offset: Int
        var isDaylight: Bool
        var abbreviation: String
    }

    /// The IANA name, e.g. `Europe/Paris`.
    package let identifier: String
    let types: [LocalTimeType]
    let transitionTimes: [Int64]
    let transitionTypes: [Int]
    let rule: PosixRule?

    init(
        identifier: String,
        types: [LocalTimeType],
        transitionTimes: [Int64] = [],
        transitionTypes: [Int] = [],
        rule: PosixRule? = nil
    ) {
        precondition(!types.isEmpty || rule != nil, "a zone needs a local time type")
        self.identifier = identifier
        self.types = types.isEmpty ? [rule!.standard] : types
        self.transitionTimes = transitionTimes
        self.transitionTypes = transitionTypes
        self.rule = rule
    }

    /// Coordinated Universal Time, always available even without zoneinfo.
    package static let utc = Zone(
        identifier: "UTC",
        types: [LocalTimeType(offset: 0, isDaylight: false, abbreviation: "UTC")]
    )

    /// The identifier.
    package var description: String { identifier }

    /// The local time type in force at `instant`.
    func localTimeType(at instant: Instant) -> LocalTimeType {
        let t = instant.seconds
        if let rule, transitionTimes.isEmpty || t >= transitionTimes[transitionTimes.count - 1] {
            return rule.localTimeType(at: t)
        }
        guard let first = transitionTimes.first, t >= first else { return types[0] }
        // The last transition at or before t.
        var low = 0
        var high = transitionTimes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitionTimes[middle] <= t { low = middle } else { high = middle - 1 }
        }
        return types[transitionTypes[low]]
    }

    /// The offset from UTC at `at`, in seconds east of UTC (Paris in winter: 3600).
    package func offset(at instant: Instant) -> Int {
        localTimeType(at: instant).offset
    }

    /// The abbreviation in use at `at`, e.g. `CET` or `CEST`.
    package func abbreviation(at instant: Instant) -> String {
        localTimeType(at: instant).abbreviation
    }

    /// Whether daylight-saving time is in force at `at`.
    package func isDaylightSavingTime(at instant: Instant) -> Bool {
        localTimeType(at: instant).isDaylight
    }

    /// The wall-clock time shown in this zone at `instant`.
    package func civil(_ instant: Instant) -> CivilDateTime {
        CivilDateTime(secondsSinceEpoch: instant.seconds + Int64(offset(at: instant)))
    }

    /// The instant a wall-clock time stands for, by the rules of RFC 5545 §3.3.5.
    ///
    /// A time in a spring-forward gap is read with the offset before the gap (Paris
    /// 2026-03-29 02:30 is 01:30Z, shown as 03:30 CEST); a time that occurs twice in a
    /// fall-back takes the first occurrence (Paris 2026-10-25 02:30 is 00:30Z).
    package func instant(_ local: CivilDateTime) -> Instant {
        let wall = local.secondsSinceEpoch
        // Offsets differ by at most about a day, so two days either side bracket every
        // offset this wall time could carry.
        let early = offset(at: Instant(seconds: wall - 172_800))
        let late = offset(at: Instant(seconds: wall + 172_800))
        var candidates = [early, late]
        candidates.append(offset(at: Instant(seconds: wall - Int64(early))))
        candidates.append(offset(at: Instant(seconds: wall - Int64(late))))

        var best: Int64?
        for candidate in candidates {
            let t = wall - Int64(candidate)
            if offset(at: Instant(seconds: t)) == candidate, best.map({ t < $0 }) ?? true {
                best = t
            }
        }
        if let best { return Instant(seconds: best) }

        // A gap: the largest offset gives the earliest reading, which falls before the
        // gap; the offset in force there is the one before the gap.
        let largest = candidates.max() ?? 0
        let before = offset(at: Instant(seconds: wall - Int64(largest)))
        return Instant(seconds: wall - Int64(before))
    }

    /// The first instant of `date` in this zone: local midnight, or the end of a gap at midnight.
    package func startOfDay(_ date: CivilDate) -> Instant {
        instant(CivilDateTime(date: date))
    }
}
