/// The store's schema, as append-only migrations. A shipped migration is never edited:
/// add a new one. SQL here is portable (SQLite 3.35+ and PostgreSQL): TEXT times in
/// RFC 3339 UTC, INTEGER ids, no SQLite-only types.
package enum Migrations {
    /// The schema version this program writes.
    package static var current: Int { all.count }

    /// Migration n (1-based) is `all[n - 1]`.
    package static let all: [String] = [v1, task, msg, cal, doc, holds, retention, gdpr, rowSecurity]

    static let v1 = """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE sequences (
            name  TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        CREATE TABLE ext_keys (
            type TEXT NOT NULL,
            key  TEXT NOT NULL,
            id   TEXT NOT NULL,
            PRIMARY KEY (type, key)
        );
        CREATE TABLE users (
            id      TEXT PRIMARY KEY,
            name    TEXT NOT NULL,
            email   TEXT,
            role    TEXT NOT NULL,
            status  TEXT NOT NULL,
            manager TEXT REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
            rev     INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE groups (
            id      TEXT PRIMARY KEY,
            name    TEXT NOT NULL,
            rev     INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE group_members (
            group_id TEXT NOT NULL REFERENCES groups(id),
            user_id  TEXT NOT NULL REFERENCES users(id),
            PRIMARY KEY (group_id, user_id)
        );
        CREATE INDEX group_members_by_user ON group_members(user_id, group_id);
        CREATE TABLE acl (
            space_type     TEXT NOT NULL,
            space_id       TEXT NOT NULL,
            principal_type TEXT NOT NULL,
            principal_id   TEXT NOT NULL,
            level          TEXT NOT NULL,
            PRIMARY KEY (space_type, space_id, principal_type, principal_id)
        );
        CREATE INDEX acl_by_principal ON acl(principal_type, principal_id);
        CREATE TABLE changes (
            seq         INTEGER PRIMARY KEY,
            ts          TEXT NOT NULL,
            actor       TEXT NOT NULL,
            op          TEXT NOT NULL,
            rtype       TEXT NOT NULL,
            rid         TEXT NOT NULL,
            record      TEXT NOT NULL,
            record_hash TEXT NOT NULL,
            prev_hash   TEXT NOT NULL,
            hash        TEXT NOT NULL,
            redacted    TEXT
        );
        CREATE INDEX changes_by_type ON changes(rtype, seq);
        CREATE INDEX changes_by_record ON changes(rtype, rid, seq);
        """
}
