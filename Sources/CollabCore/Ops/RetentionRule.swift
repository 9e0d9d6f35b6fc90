/// A retention rule: records of one type, narrowed by field conditions, are removed by
/// `retention apply` once older than the period.
package struct RetentionRule: Equatable, Sendable {
    /// The record types a rule may name.
    package enum RecordType: String, Sendable, CaseIterable {
        case message, doc, task, event

        /// The fields a `--where` may test, in the order they print.
        package var fields: [String] {
            switch self {
            case .message: ["channel", "author"]
            case .doc: ["folder", "status", "owner", "media_type"]
            case .task: ["project", "status", "assignee", "priority"]
            case .event: ["calendar", "organizer", "room"]
            }
        }

        /// What a record's age is measured from (for the man page and the records).
        package var ageField: String {
            switch self {
            case .message: "ts"
            case .doc: "updated"
            case .task: "done_at"
            case .event: "end"
            }
        }
    }

    /// The number of its id.
    package var num: Int64
    /// The type of the records it removes.
    package var type: RecordType
    /// The conditions, sorted by field.
    package var conditions: [(field: String, value: String)]
    /// How long the records are kept.
    package var period: RetentionPeriod
    /// Bumped on each change.
    package var rev: Int64
    /// When it was set first.
    package var created: String
    /// When it last changed.
    package var updated: String

    /// The kind of id of rules.
    package static let ids = SequenceId("ret")

    /// The id text, `ret-N`.
    package var id: String { Self.ids.id(num) }

    /// The conditions as stored: `field=value` lines, sorted.
    package var filter: String { Self.filter(conditions) }

    static func filter(_ conditions: [(field: String, value: String)]) -> String {
        conditions.map { "\($0.field)=\($0.value)" }.joined(separator: "\n")
    }

    /// The `retention_rule` record.
    package var record: JSONObject {
        var o = JSONObject([("type", .string("retention_rule")), ("id", .string(id)), ("record_type", .string(type.rawValue))])
        o.set("where", conditions.map { "\($0.field)=\($0.value)" })
        o["duration"] = .string(period.iso)
        o["age_from"] = .string(type.ageField)
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    static let columns = "num, rtype, filter, period, rev, created, updated"

    static func row(_ r: Row) throws -> RetentionRule {
        guard let type = RecordType(rawValue: r.string(1)) else {
            throw CollabError(.internal, "retention rule \(r.int(0)) has an unknown type '\(r.string(1))' (please report)")
        }
        let conditions = r.string(2).split(separator: "\n").map { line -> (field: String, value: String) in
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        return RetentionRule(
            num: r.int(0), type: type, conditions: conditions, period: try RetentionPeriod.parse(r.string(3)), rev: r.int(4),
            created: r.string(5), updated: r.string(6))
    }

    /// Rules are equal when every stored field is.
    package static func == (a: RetentionRule, b: RetentionRule) -> Bool {
        a.num == b.num && a.type == b.type && a.filter == b.filter && a.period == b.period && a.rev == b.rev
    }
}
