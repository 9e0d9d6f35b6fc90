/// The recurrence of a task (`--recur`): a name or an RRULE, expanded by the calendar's
/// RFC 5545 engine (`RRule`, `RecurrenceSet`) in the zone the task was planned in, so a
/// weekly 09:00 task stays at 09:00 local time across daylight-saving changes.
///
/// Names: `daily`, `weekdays`, `weekly`, `biweekly`, `monthly`, `quarterly`, `yearly`.
/// A task recurs at most daily (FREQ=DAILY or longer).
package struct TaskRecurrence: Sendable {
    package var rule: RRule

    static let names: [String: String] = [
        "daily": "FREQ=DAILY", "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "weekly": "FREQ=WEEKLY",
        "biweekly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY", "quarterly": "FREQ=MONTHLY;INTERVAL=3",
        "yearly": "FREQ=YEARLY", "annually": "FREQ=YEARLY",
    ]

    /// Parses a name or an RRULE (with or without `RRULE:`); exit 65 otherwise.
    package static func parse(_ text: String) throws -> TaskRecurrence {
        let rule: RRule
        do {
            rule = try RRule.parse(names[text.trimmingSpaces.lowercased()] ?? text)
        } catch let e as CollabError {
            throw CollabError(.badInput, e.message.replacingRRuleField(with: "recur") + " (or use daily, weekdays, weekly, biweekly, monthly, quarterly, yearly)", field: "recur")
        }
        guard rule.frequency >= .daily else {
            throw CollabError.invalid("recur", text, "a task recurs at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)")
        }
        return TaskRecurrence(rule: rule)
    }

    /// The first start of the series begun at `anchor` that comes after `previous`, in
    /// `zone`; nil when the series is over (COUNT, UNTIL).
    package func next(after previous: Instant, anchor: Instant, zone: Zone) -> Instant? {
        var starts = RecurrenceSet(start: zone.civil(anchor), zone: zone, rule: rule).makeIterator()
        starts.skip(to: previous)
        while let s = starts.next() {
            if s.instant.seconds > previous.seconds { return s.instant }
        }
        return nil
    }
}

extension String {
    /// An RRULE error message as a `--recur` one.
    fileprivate func replacingRRuleField(with field: String) -> String {
        hasPrefix("invalid rrule") ? "invalid " + field + dropFirst("invalid rrule".count) : self
    }
}
