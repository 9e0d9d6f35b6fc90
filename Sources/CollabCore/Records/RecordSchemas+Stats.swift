extension RecordSchemas {
    /// The record type of indicators (collab-admin stats).
    static let statsTypes: [RecordType] = [
        RecordType(name: "stat", description: "One indicator: a metric, the dimensions it is about, and its values.", fields: [
            f("id", string, required: true, "The metric and its dimensions joined by ':' (messages:general:2026-W48)."),
            f("metric", oneOf(["messages", "tasks", "circuit_step", "meeting_hours", "active_users"]), required: true, "What is counted."),
            f("channel", slug, "messages: the channel."),
            f("week", string, "messages: the ISO week (2026-W48)."),
            f("project", slug, "tasks: the project."),
            f("service", slug, "tasks: the service (a group of the assignee); active_users: the --group."),
            f("step", integer, "circuit_step: the step number."),
            f("kind", oneOf(["visa", "signature", "seal"]), "circuit_step: the step's kind."),
            f("user", slug, "meeting_hours: the person."),
            f("count", integer, required: true,
              "messages posted; tasks done; steps decided; meetings attended; active users."),
            f("median", string, "tasks: median lead time; circuit_step: median duration (ISO 8601)."),
            f("p90", string, "The 90th percentile (nearest rank) of the same."),
            f("due", integer, "tasks: tasks due in the window and already due."),
            f("overdue", integer, "tasks: of those, done late or still open."),
            f("overdue_ratio", [("type", .string("number"))], "tasks: overdue / due."),
            f("hours", [("type", .string("number"))], "meeting_hours: hours of meetings."),
        ]),
    ]
}
