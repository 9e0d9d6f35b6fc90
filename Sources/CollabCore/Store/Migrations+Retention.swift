extension Migrations {
    /// Retention rules (collab-admin retention): records of a type, optionally narrowed by
    /// field conditions, are removed by `retention apply` once older than the period.
    /// `filter` is the conditions in a canonical text (`channel=general`, sorted, joined
    /// by `&`), unique per type so that setting the same rule again updates its period.
    static let retention = """
        CREATE TABLE retention_rules (
            num      INTEGER PRIMARY KEY,
            rtype    TEXT NOT NULL,
            filter   TEXT NOT NULL,
            period   TEXT NOT NULL,
            rev      INTEGER NOT NULL,
            created  TEXT NOT NULL,
            updated  TEXT NOT NULL,
            UNIQUE (rtype, filter)
        );
        """
}
