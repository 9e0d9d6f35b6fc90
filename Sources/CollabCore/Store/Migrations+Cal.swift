extension Migrations {
    /// Calendars, rooms, events (with their attendees and overridden occurrences) and the
    /// reminders already sent. Times are RFC 3339 UTC text; `last_end` is the end of a
    /// series' last occurrence (NULL when it never ends), for range queries.
    static let cal = """
        CREATE TABLE calendars (
            id         TEXT PRIMARY KEY,
            title      TEXT NOT NULL,
            owner      TEXT NOT NULL,
            grp        TEXT,
            visibility TEXT NOT NULL,
            rev        INTEGER NOT NULL,
            created    TEXT NOT NULL,
            updated    TEXT NOT NULL
        );
        CREATE TABLE rooms (
            id       TEXT PRIMARY KEY,
            name     TEXT NOT NULL,
            capacity INTEGER,
            location TEXT,
            rev      INTEGER NOT NULL,
            created  TEXT NOT NULL,
            updated  TEXT NOT NULL
        );
        CREATE TABLE room_managers (
            room_id TEXT NOT NULL REFERENCES rooms(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            PRIMARY KEY (room_id, user_id)
        );
        CREATE TABLE events (
            id          TEXT PRIMARY KEY,
            uid         TEXT NOT NULL UNIQUE,
            calendar    TEXT NOT NULL REFERENCES calendars(id),
            title       TEXT NOT NULL,
            description TEXT,
            start       TEXT NOT NULL,
            end_time    TEXT NOT NULL,
            all_day     INTEGER NOT NULL,
            tz          TEXT NOT NULL,
            location    TEXT,
            room        TEXT REFERENCES rooms(id),
            organizer   TEXT NOT NULL,
            rrule       TEXT,
            exdates     TEXT,
            rdates      TEXT,
            visio       TEXT,
            status      TEXT NOT NULL,
            last_end    TEXT,
            rev         INTEGER NOT NULL,
            created     TEXT NOT NULL,
            updated     TEXT NOT NULL
        );
        CREATE INDEX events_by_calendar ON events(calendar, start);
        CREATE INDEX events_by_room ON events(room, start);
        CREATE INDEX events_by_start ON events(start);
        CREATE TABLE attendees (
            event_id TEXT NOT NULL REFERENCES events(id),
            user_id  TEXT NOT NULL,
            status   TEXT NOT NULL,
            PRIMARY KEY (event_id, user_id)
        );
        CREATE INDEX attendees_by_user ON attendees(user_id, event_id);
        CREATE TABLE event_overrides (
            event_id      TEXT NOT NULL REFERENCES events(id),
            recurrence_id TEXT NOT NULL,
            start         TEXT NOT NULL,
            end_time      TEXT NOT NULL,
            title         TEXT,
            description   TEXT,
            location      TEXT,
            room          TEXT,
            status        TEXT,
            replies       TEXT,
            PRIMARY KEY (event_id, recurrence_id)
        );
        CREATE TABLE subscriptions (
            calendar  TEXT PRIMARY KEY REFERENCES calendars(id),
            url       TEXT NOT NULL,
            last_sync TEXT,
            rev       INTEGER NOT NULL,
            created   TEXT NOT NULL,
            updated   TEXT NOT NULL
        );
        CREATE TABLE working_hours (
            user_id TEXT PRIMARY KEY REFERENCES users(id),
            hours   TEXT NOT NULL,
            rev     INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE reminders_sent (
            event_id         TEXT NOT NULL,
            occurrence_start TEXT NOT NULL,
            actor            TEXT NOT NULL,
            sent             TEXT NOT NULL,
            PRIMARY KEY (event_id, occurrence_start, actor)
        );
        """
}
