extension Migrations {
    /// Legal holds (collab-admin hold): a hold on a document, a folder (and everything
    /// under it) or a channel blocks every deletion until it is lifted. Lifted holds stay,
    /// with who lifted them, when and why.
    static let holds = """
        CREATE TABLE holds (
            num         INTEGER PRIMARY KEY,
            target_type TEXT NOT NULL,
            target      TEXT NOT NULL,
            why         TEXT NOT NULL,
            by_user     TEXT NOT NULL,
            lifted      TEXT,
            lifted_by   TEXT,
            lift_why    TEXT,
            rev         INTEGER NOT NULL,
            created     TEXT NOT NULL,
            updated     TEXT NOT NULL
        );
        CREATE INDEX holds_by_target ON holds(target_type, target, lifted);
        """
}
