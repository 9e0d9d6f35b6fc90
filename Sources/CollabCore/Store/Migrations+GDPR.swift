extension Migrations {
    /// GDPR erasures: one row per person erased, with the record printed then (so that a
    /// second erasure of the same person prints it again and changes nothing).
    static let gdpr = """
        CREATE TABLE erasures (
            id      TEXT PRIMARY KEY,
            num     INTEGER NOT NULL UNIQUE,
            user_id TEXT NOT NULL UNIQUE,
            by_user TEXT NOT NULL,
            ts      TEXT NOT NULL,
            record  TEXT NOT NULL
        );
        """
}
