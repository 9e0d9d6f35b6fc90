/// A value bound to, or read from, an SQL statement. Only these five kinds cross the
/// store's narrow layer, so that a second driver (PostgreSQL) maps the same values.
package enum SQLValue: Equatable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByNilLiteral
{
    case null
    case int(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    package init(stringLiteral value: String) { self = .text(value) }
    package init(integerLiteral value: Int64) { self = .int(value) }
    package init(nilLiteral: ()) { self = .null }

    /// Text, or null when nil.
    package static func text(_ s: String?) -> SQLValue { s.map(SQLValue.text) ?? .null }
    /// An integer, or null when nil.
    package static func int(_ i: Int?) -> SQLValue { i.map { .int(Int64($0)) } ?? .null }
    /// A 64-bit integer, or null when nil.
    package static func int(_ i: Int64?) -> SQLValue { i.map { .int($0) } ?? .null }

    /// The text inside, if any.
    package var string: String? {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        case .real(let d): String(d)
        default: nil
        }
    }

    /// The integer inside, if any.
    package var int64: Int64? {
        switch self {
        case .int(let i): i
        case .real(let d): Int64(exactly: d)
        case .text(let s): Int64(s)
        default: nil
        }
    }
}
