extension Migrations {
    /// collab-msg: channels (spaces of type `channel`), their members, read cursors,
    /// messages with their mentions, and the full-text index of message bodies.
    /// The FTS5 table is SQLite-only; it is the one place the messaging schema uses it.
    static let msg = """
        CREATE TABLE channels (
            id         TEXT PRIMARY KEY,
            title      TEXT NOT NULL,
            topic      TEXT,
            visibility TEXT NOT NULL,
            owner      TEXT,
            archived   INTEGER NOT NULL DEFAULT 0,
            rev        INTEGER NOT NULL,
            created    TEXT NOT NULL,
            updated    TEXT NOT NULL
        );
        CREATE TABLE channel_members (
            channel TEXT NOT NULL REFERENCES channels(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            PRIMARY KEY (channel, user_id)
        );
        CREATE INDEX channel_members_by_user ON channel_members(user_id, channel);
        CREATE TABLE channel_cursors (
            channel   TEXT NOT NULL REFERENCES channels(id),
            user_id   TEXT NOT NULL REFERENCES users(id),
            last_read INTEGER NOT NULL,
            updated   TEXT NOT NULL,
            PRIMARY KEY (user_id, channel)
        );
        CREATE TABLE messages (
            num         INTEGER PRIMARY KEY,
            channel     TEXT NOT NULL REFERENCES channels(id),
            author      TEXT NOT NULL,
            ts          TEXT NOT NULL,
            body        TEXT,
            thread      INTEGER,
            mentions    TEXT,
            attachments TEXT,
            edited      TEXT,
            deleted     TEXT,
            rev         INTEGER NOT NULL,
            updated     TEXT NOT NULL
        );
        CREATE INDEX messages_by_channel ON messages(channel, num);
        CREATE INDEX messages_by_thread ON messages(thread, num);
        CREATE INDEX messages_by_ts ON messages(channel, ts);
        CREATE TABLE message_mentions (
            name TEXT NOT NULL,
            msg  INTEGER NOT NULL,
            PRIMARY KEY (name, msg)
        );
        CREATE INDEX message_mentions_by_msg ON message_mentions(msg);
        CREATE TABLE hooks (
            num     INTEGER PRIMARY KEY,
            channel TEXT NOT NULL REFERENCES channels(id),
            url     TEXT NOT NULL,
            format  TEXT NOT NULL,
            owner   TEXT NOT NULL,
            rev     INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX hooks_by_channel ON hooks(channel);
        CREATE TABLE hook_deliveries (
            num          INTEGER PRIMARY KEY,
            hook         INTEGER NOT NULL,
            msg          INTEGER NOT NULL,
            state        TEXT NOT NULL,
            attempts     INTEGER NOT NULL,
            next_attempt TEXT NOT NULL,
            last_status  INTEGER,
            last_error   TEXT,
            delivered    TEXT,
            created      TEXT NOT NULL,
            updated      TEXT NOT NULL
        );
        CREATE INDEX hook_deliveries_due ON hook_deliveries(state, next_attempt, num);
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            body, content = 'messages', content_rowid = 'num', tokenize = '\(FullText.tokenizer)'
        );
        """
}
