extension RecordSchemas {
    static let eventFields: [Field] = [
        f("id", string, required: true, "evt-N."),
        f("uid", string, required: true, "The iCalendar UID, unique across stores."),
        f("calendar", slug, required: true, "The calendar holding the event."),
        f("title", string, required: true, "The summary."),
        f("description", string, "Free text."),
        f("start", string, required: true, "The first start: RFC 3339 UTC, or a date for an all-day event."),
        f("end", string, required: true, "The first end (exclusive): RFC 3339 UTC, or a date for an all-day event."),
        f("all_day", boolean, required: true, "Whether the event takes whole days."),
        f("tz", string, required: true, "The IANA zone the series repeats in."),
        f("location", string, "Where."),
        f("room", slug, "The room booked."),
        f("organizer", slug, required: true, "Who created it."),
        f("attendees", [("type", .string("array"))], "Invited users: user and status (needs-action, accepted, declined, tentative)."),
        f("rrule", string, "The RFC 5545 recurrence rule."),
        f("exdates", strings, "Cancelled starts of the series."),
        f("rdates", strings, "Extra starts of the series."),
        f("visio", string, "The meeting address."),
        f("status", oneOf(EventStatus.allCases.map(\.rawValue)), required: true, "confirmed, tentative or cancelled."),
    ]

    static let calTypes: [RecordType] = [
        RecordType(name: "calendar", description: "A shared calendar (a space).", fields: [
            f("id", slug, required: true, "The calendar's slug."),
            f("title", string, required: true, "Its title."),
            f("owner", slug, required: true, "Who manages it."),
            f("group", slug, "The service it belongs to (given write access)."),
            f("visibility", oneOf(["public", "private"]), required: true, "public: every member may read it."),
            f("acl", [("type", .string("array"))], "Access list: user or group, and level."),
        ] + mutable),
        RecordType(name: "room", description: "A room events book.", fields: [
            f("id", slug, required: true, "The room's slug."),
            f("name", string, required: true, "Its name."),
            f("capacity", integer, "Seats."),
            f("location", string, "Where it is."),
            f("managers", strings, "Users who may force a booking."),
        ] + mutable),
        RecordType(name: "hours", description: "A user's working hours ('collab-cal hours'), which 'free' searches within.", fields: [
            f("id", slug, required: true, "The user."),
            f("hours", string, required: true, "Days and ranges, like 'mon-fri 09:00-12:00,14:00-17:30' (local times)."),
            f("default", boolean, required: true, "True when the user has set none (the default applies)."),
            f("rev", integer, "Bumped on each change (absent for the default)."),
            f("created", time, "When the user set them."),
            f("updated", time, "When they last changed."),
        ]),
        RecordType(name: "event", description: "An event, possibly recurring.", fields: eventFields + [
            f("overrides", [("type", .string("array"))], "Occurrences changed on their own: recurrence_id, start, end and the fields changed."),
        ] + mutable),
        RecordType(name: "occurrence", description: "An event at one of its starts, overrides applied.", fields: [
            eventFields[0],
            f("occurrence_start", string, required: true, "This occurrence's start."),
            f("occurrence_end", string, required: true, "This occurrence's end."),
        ] + eventFields.dropFirst() + [
            f("recurrence_id", string, "The start in the series before any change (recurring events)."),
        ] + mutable),
    ]
}
