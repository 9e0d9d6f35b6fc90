/// The starts of a series (RFC 5545 §3.8.5): DTSTART, the RRULE's starts and the RDATEs,
/// in order, without duplicates, less the EXDATEs. Lazy: an open-ended series is read one
/// start at a time.
package struct RecurrenceSet: Sequence, Sendable {
    package var start: CivilDateTime
    package var zone: Zone?
    package var rule: RRule?
    package var rdates: [Instant]
    package var exdates: Set<Instant>

    /// A series starting at `start` (wall-clock time in `zone`; nil for floating times and
    /// all-day series).
    package init(start: CivilDateTime, zone: Zone?, rule: RRule?, rdates: [Instant] = [], exdates: Set<Instant> = []) {
        self.start = start
        self.zone = zone
        self.rule = rule
        self.rdates = rdates.sorted()
        self.exdates = exdates
    }

    func instant(_ local: CivilDateTime) -> Instant {
        zone.map { $0.instant(local) } ?? Instant(seconds: local.secondsSinceEpoch)
    }

    func local(_ instant: Instant) -> CivilDateTime {
        zone.map { $0.civil(instant) } ?? CivilDateTime(secondsSinceEpoch: instant.seconds)
    }

    package func makeIterator() -> Iterator { Iterator(set: self) }

    /// Walks the set in order.
    package struct Iterator: IteratorProtocol {
        let set: RecurrenceSet
        var rule: RRule.Iterator?
        var pendingRule: RRule.Instance?
        var rdateIndex = 0
        var first: RRule.Instance?
        var last: Instant?

        init(set: RecurrenceSet) {
            self.set = set
            rule = set.rule?.instances(from: set.start, in: set.zone)
            pendingRule = rule?.next()
            first = RRule.Instance(local: set.start, instant: set.instant(set.start))
        }

        /// Moves ahead close to `target` (never past a start at or after it) without
        /// expanding what comes before, when the rule allows (no COUNT).
        package mutating func skip(to target: Instant) {
            guard let r = rule, set.rule?.count == nil else { return }
            // A day's margin covers any offset change between the zone and UTC.
            let local = CivilDateTime(secondsSinceEpoch: set.local(target).secondsSinceEpoch - 86_400)
            if let p = pendingRule, p.local >= local { return }
            var moved = r
            moved.skip(to: local)
            rule = moved
            pendingRule = rule?.next()
        }

        package mutating func next() -> RRule.Instance? {
            while true {
                var best: RRule.Instance?
                var source = 0
                if let f = first { best = f; source = 1 }
                if let r = pendingRule, best.map({ r.instant < $0.instant }) ?? true { best = r; source = 2 }
                if rdateIndex < set.rdates.count {
                    let i = set.rdates[rdateIndex]
                    if best.map({ i < $0.instant }) ?? true { best = RRule.Instance(local: set.local(i), instant: i); source = 3 }
                }
                switch source {
                case 1: first = nil
                case 2: pendingRule = rule?.next()
                case 3: rdateIndex += 1
                default: return nil
                }
                guard let found = best else { return nil }
                if let last, found.instant <= last { continue }
                last = found.instant
                if set.exdates.contains(found.instant) { continue }
                return found
            }
        }
    }
}
