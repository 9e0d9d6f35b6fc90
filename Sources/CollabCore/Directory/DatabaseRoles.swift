/// Users as PostgreSQL roles (issue 3, deliverable 4): a user given a database role may
/// connect to the shared store directly (`psql`) and reads, through the row-level
/// security policies of `RowSecurity`, only what collab would show them. Read only: the
/// role is a member of the store's one NOLOGIN reader group, which has SELECT on the
/// tables and nothing else; writes go through collab, for the audit chain.
///
/// Names: `PREFIX` + the user's id for the user, `PREFIX` + `readers` for the group, where
/// PREFIX is the store's `db_role_prefix` (meta table), set by the migration to the
/// database's name and `_` (`collab_alice`, `collab_readers` in a database `collab`):
/// roles are cluster-wide, the prefix keeps the stores of one cluster apart. The role is
/// LOGIN without a password: operators give it their own authentication (peer, cert,
/// scram through `ALTER ROLE … PASSWORD`). A disabled user's role is NOLOGIN (and the
/// policies show a disabled user nothing); `gdpr erase` drops it.
package enum DatabaseRoles {
    /// The `db_role` record.
    package static func record(role: String, user: String, login: Bool, group: String) -> JSONObject {
        JSONObject([
            ("type", .string("db_role")), ("id", .string(role)), ("user", .string(user)), ("login", .bool(login)),
            ("group", .string(group)),
        ])
    }

    /// A quoted identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The prefix of the store's role names.
    static func prefix(_ sql: SQL) throws -> String {
        try sql.string("SELECT value FROM meta WHERE key = ?", [.text(RowSecurity.prefixKey)]) ?? ""
    }

    /// The role name PostgreSQL would keep (at most 63 bytes) or exit 65.
    static func roleName(_ prefix: String, _ suffix: String) throws -> String {
        let name = prefix + suffix
        guard name.utf8.count <= 63 else {
            throw CollabError.invalid("db-role", name, "a PostgreSQL role name has at most 63 bytes (prefix '\(prefix)' from the meta key \(RowSecurity.prefixKey))")
        }
        return name
    }

    /// Refuses (exit 78) on a store that cannot promise row-level security.
    static func requirePostgres(_ sql: SQL) throws {
        guard sql.dialect == .postgres else {
            throw CollabError(
                .config,
                "--db-role needs a PostgreSQL store: the embedded SQLite store has no database roles and cannot enforce access lists on direct reads")
        }
    }

    /// Gives `userId` a database role (admin only); a user who has one already is a no-op
    /// (`.unchanged`). A role of that name that exists in the cluster but is not this
    /// user's is a conflict (73). Returns the `db_role` record.
    package static func provision(_ tx: Transaction, _ actor: Actor, _ userId: String) throws -> (JSONObject, WriteOutcome) {
        let sql = tx.sql
        try requirePostgres(sql)
        try Access.requireAdmin(actor, "give users database roles")
        let user = try Directory.requireUser(sql, userId)
        let prefix = try prefix(sql)
        let group = try roleName(prefix, "readers")
        if let role = try sql.string("SELECT role FROM db_roles WHERE user_id = ?", [.text(user.id)]) {
            let login = try sql.int("SELECT 1 FROM pg_roles WHERE rolname = ? AND rolcanlogin", [.text(role)]) != nil
            return (record(role: role, user: user.id, login: login, group: group), .unchanged)
        }
        let role = try roleName(prefix, user.id)
        if try sql.int("SELECT 1 FROM pg_roles WHERE rolname = ?", [.text(role)]) != nil {
            throw CollabError.conflict("the database role '\(role)' exists already and is not \(user.id)'s: drop or rename it first")
        }
        guard try sql.int("SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolcreaterole OR rolsuper)") != nil else {
            throw CollabError(.config, "the store's own role may not create roles: grant it CREATEROLE (ALTER ROLE … CREATEROLE)")
        }
        try ensureGroup(sql, group)
        let login = user.status == .active
        try sql.execute("CREATE ROLE \(quoted(role)) \(login ? "LOGIN" : "NOLOGIN") IN ROLE \(quoted(group))")
        try sql.execute("INSERT INTO db_roles (role, user_id, created) VALUES (?, ?, ?)", [.text(role), .text(user.id), .text(tx.timestamp)])
        let r = record(role: role, user: user.id, login: login, group: group)
        try tx.record(.create, "db_role", role, r)
        return (r, .created)
    }

    /// Creates the reader group if needed and (again) grants it the schema and SELECT on
    /// every table, now and for tables later migrations create: each has RLS enabled.
    private static func ensureGroup(_ sql: SQL, _ group: String) throws {
        if try sql.int("SELECT 1 FROM pg_roles WHERE rolname = ?", [.text(group)]) == nil {
            try sql.execute("CREATE ROLE \(quoted(group)) NOLOGIN")
        }
        guard let schema = try sql.string("SELECT current_schema()") else {
            throw CollabError(.config, "the store has no current schema (search_path)")
        }
        try sql.execute("GRANT USAGE ON SCHEMA \(quoted(schema)) TO \(quoted(group))")
        try sql.execute("GRANT SELECT ON ALL TABLES IN SCHEMA \(quoted(schema)) TO \(quoted(group))")
        try sql.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA \(quoted(schema)) GRANT SELECT ON TABLES TO \(quoted(group))")
    }

    /// Makes the user's role (if any) follow their status: LOGIN when active, NOLOGIN when
    /// disabled. Called whenever a user's row is saved.
    static func follow(_ tx: Transaction, _ user: User) throws {
        guard tx.sql.dialect == .postgres,
              let role = try tx.sql.string("SELECT role FROM db_roles WHERE user_id = ?", [.text(user.id)]),
              let canLogin = try tx.sql.int("SELECT CASE WHEN rolcanlogin THEN 1 ELSE 0 END FROM pg_roles WHERE rolname = ?", [.text(role)])
        else { return }
        let login = user.status == .active
        if (canLogin == 1) == login { return }
        try tx.sql.execute("ALTER ROLE \(quoted(role)) \(login ? "LOGIN" : "NOLOGIN")")
        let group = try roleName(try prefix(tx.sql), "readers")
        try tx.record(.update, "db_role", role, record(role: role, user: user.id, login: login, group: group))
    }

    /// Drops the user's role (if any): `gdpr erase`.
    static func drop(_ tx: Transaction, _ userId: String) throws {
        guard tx.sql.dialect == .postgres,
              let role = try tx.sql.string("SELECT role FROM db_roles WHERE user_id = ?", [.text(userId)])
        else { return }
        try tx.sql.execute("DROP ROLE IF EXISTS \(quoted(role))")
        try tx.sql.execute("DELETE FROM db_roles WHERE role = ?", [.text(role)])
        let group = try roleName(try prefix(tx.sql), "readers")
        try tx.record(.delete, "db_role", role, record(role: role, user: userId, login: false, group: group))
    }
}
