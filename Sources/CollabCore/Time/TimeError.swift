/// A time, date, duration or time zone that could not be read.
///
/// Messages are short, lowercase, and quote the bad value; every case is bad input (exit 65).
package enum TimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A time or date as typed by a user (SPEC §4) that matches no accepted form.
    case invalidTime(String)
    /// A duration that is neither ISO 8601 (`PT1H30M`) nor short (`1h30m`).
    case invalidDuration(String)
    /// A time zone name with no zoneinfo file, or one that is not a plain zone name.
    case unknownZone(String)
    /// A zoneinfo file that exists but is not valid TZif data.
    case invalidZoneData(String)

    /// The message for a person, e.g. `invalid time 'tomorow 9h'`.
    package var description: String {
        switch self {
        case .invalidTime(let text): "invalid time '\(text)'"
        case .invalidDuration(let text): "invalid duration '\(text)'"
        case .unknownZone(let name): "unknown time zone '\(name)'"
        case .invalidZoneData(let name): "invalid time zone data for '\(name)'"
        }
    }
}
