extension RecordSchemas {
    /// The record type of users' database roles (collab-admin user add|update --db-role).
    static let dbRoleTypes: [RecordType] = [
        RecordType(name: "db_role", description: "A user's PostgreSQL role, to read the shared store directly under row-level security.", fields: [
            f("id", string, required: true, "The role's name: the store's prefix and the user's id."),
            f("user", slug, required: true, "The collab user it reads as."),
            f("login", boolean, required: true, "Whether it may log in (false while the user is disabled)."),
            f("group", string, required: true, "The NOLOGIN reader group it belongs to (SELECT only)."),
        ]),
    ]
}
