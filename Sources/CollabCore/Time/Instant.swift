#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A UTC instant, whole seconds since 1970-01-01T00:00:00Z.
package struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch; negative before 1970.
    package var seconds: Int64

    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    package init(seconds: Int64) {
        self.seconds = seconds
    }

    /// The current instant from the system clock, truncated to the second.
    package static func now() -> Instant {
        Instant(seconds: Int64(time(nil)))
    }

    /// This instant moved by a number of exact seconds.
    package func adding(seconds delta: Int64) -> Instant {
        Instant(seconds: seconds + delta)
    }

    /// The RFC 3339 text in UTC, e.g. `2026-12-01T13:00:00Z`.
    package var description: String {
        RFC3339.format(self)
    }

    /// Earlier instants first.
    package static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.seconds < rhs.seconds
    }
}
