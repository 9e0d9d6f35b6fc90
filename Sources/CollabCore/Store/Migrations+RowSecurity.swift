extension Migrations {
    /// Row-level security (PostgreSQL only): on SQLite this migration is empty (`script`
    /// returns "" for it), on PostgreSQL it is `RowSecurity.migration`.
    static let rowSecurity = "-- row-level security: PostgreSQL only (RowSecurity.migration)\n"
}

/// Row-level security on a PostgreSQL store (issue 3, deliverable 4).
///
/// The programs connect as the store's owner role, which owns the tables and so is not
/// subject to the policies: collab's own checks stay the authority for the programs. A
/// user given a database role (`collab-admin user add|update --db-role`) who connects
/// directly (`psql`) reads through these policies, which mirror each domain's read rules
/// (`Access.readableCondition`, `Tasks.readableCondition`, `Documents.readableCondition`,
/// `Cal.visibleEvents`, `Directory.visibleUsers`...): they see only what collab would
/// show them, and nothing at all once disabled.
///
/// `db_roles` maps a database role to its collab user. The policies ask SECURITY DEFINER
/// helpers (the user of the querying role, their role, their groups, the spaces whose
/// access list names them) through uncorrelated subqueries, so that each is computed once
/// per query, not once per row; a helper answers only for a role the session's login role
/// is (a member of), so nobody can probe someone else's access by passing another role's
/// name. A table that belongs to another (messages to channels, versions to documents...)
/// follows it through a subquery on it, itself under its policy. Every table has RLS
/// enabled and an admin policy; a table with no other policy (the audit log `changes`,
/// `meta`, `sequences`, `ext_keys`, hooks, holds, retention rules, erasures...) shows
/// nothing to anyone but admins.
package enum RowSecurity {
    /// The meta key holding the prefix of the store's role names.
    package static let prefixKey = "db_role_prefix"

    /// The policies and their helpers (PostgreSQL).
    static let migration = """
        SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_temp', true);
        CREATE TABLE db_roles (
            role    TEXT PRIMARY KEY,
            user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
            created TEXT NOT NULL
        );
        INSERT INTO meta (key, value) VALUES ('\(prefixKey)', current_database() || '_') ON CONFLICT (key) DO NOTHING;

        CREATE FUNCTION collab_rls_uid(who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT r.user_id FROM db_roles r JOIN users u ON u.id = r.user_id
            WHERE r.role = who AND u.status = 'active'
              AND CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who)
                       THEN pg_has_role(session_user, who, 'MEMBER') ELSE false END
        $$;
        CREATE FUNCTION collab_rls_role(who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT u.role FROM users u WHERE u.id = collab_rls_uid(who)
        $$;
        CREATE FUNCTION collab_rls_admin(who name) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce(collab_rls_role(who) = 'admin', false)
        $$;
        CREATE FUNCTION collab_rls_member(who name) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce(collab_rls_role(who) IN ('admin', 'member'), false)
        $$;
        CREATE FUNCTION collab_rls_listed(who name, stype text) RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT a.space_id FROM acl a
            WHERE a.space_type = stype
              AND ((a.principal_type = 'user' AND a.principal_id = collab_rls_uid(who))
                OR (a.principal_type = 'group'
                    AND a.principal_id IN (SELECT g.group_id FROM group_members g WHERE g.user_id = collab_rls_uid(who))))
        $$;
        CREATE FUNCTION collab_rls_groups(who name) RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT g.group_id FROM group_members g WHERE g.user_id = collab_rls_uid(who)
        $$;
        CREATE FUNCTION collab_rls_co_members(who name) RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT b.user_id FROM group_members a JOIN group_members b ON a.group_id = b.group_id
            WHERE a.user_id = collab_rls_uid(who)
        $$;
        CREATE FUNCTION collab_rls_attending(who name) RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT a.event_id FROM attendees a WHERE a.user_id = collab_rls_uid(who)
        $$;

        DO $$
        DECLARE t text;
        BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY collab_admin ON %I FOR SELECT USING ((SELECT collab_rls_admin(current_user)))', t);
            END LOOP;
        END $$;

        CREATE POLICY collab_read ON db_roles FOR SELECT USING (user_id = (SELECT collab_rls_uid(current_user)));
        CREATE POLICY collab_read ON users FOR SELECT
            USING ((SELECT collab_rls_member(current_user)) OR id = (SELECT collab_rls_uid(current_user)) OR id IN (SELECT collab_rls_co_members(current_user)));
        CREATE POLICY collab_read ON groups FOR SELECT USING ((SELECT collab_rls_member(current_user)) OR id IN (SELECT collab_rls_groups(current_user)));
        CREATE POLICY collab_read ON group_members FOR SELECT
            USING (group_id IN (SELECT g.id FROM groups g) OR user_id IN (SELECT u.id FROM users u));
        CREATE POLICY collab_read ON acl FOR SELECT USING (
            (space_type = 'project' AND space_id IN (SELECT p.id FROM projects p))
            OR (space_type = 'channel' AND space_id IN (SELECT c.id FROM channels c))
            OR (space_type = 'folder' AND space_id IN (SELECT f.id FROM folders f))
            OR (space_type = 'calendar' AND space_id IN (SELECT c.id FROM calendars c))
            OR (space_type = 'doc' AND space_id IN (SELECT d.id FROM documents d)));

        CREATE POLICY collab_read ON projects FOR SELECT USING (owner = (SELECT collab_rls_uid(current_user)) OR (visibility = 'public' AND (SELECT collab_rls_member(current_user)))
            OR id IN (SELECT collab_rls_listed(current_user, 'project')));
        CREATE POLICY collab_read ON tasks FOR SELECT
            USING (assignee = (SELECT collab_rls_uid(current_user)) OR (project IS NULL AND author = (SELECT collab_rls_uid(current_user))) OR project IN (SELECT p.id FROM projects p));
        CREATE POLICY collab_read ON task_tags FOR SELECT USING (task IN (SELECT t.n FROM tasks t));
        CREATE POLICY collab_read ON task_deps FOR SELECT USING (task IN (SELECT t.n FROM tasks t));
        CREATE POLICY collab_read ON comments FOR SELECT USING (on_id IN (SELECT 'task-' || t.n FROM tasks t));
        CREATE POLICY collab_read ON task_templates FOR SELECT USING ((SELECT collab_rls_uid(current_user)) IS NOT NULL);

        CREATE POLICY collab_read ON channels FOR SELECT USING (owner = (SELECT collab_rls_uid(current_user)) OR (visibility = 'public' AND (SELECT collab_rls_member(current_user)))
            OR id IN (SELECT collab_rls_listed(current_user, 'channel')));
        CREATE POLICY collab_read ON channel_members FOR SELECT USING (channel IN (SELECT c.id FROM channels c));
        CREATE POLICY collab_read ON channel_cursors FOR SELECT
            USING (user_id = (SELECT collab_rls_uid(current_user)) AND channel IN (SELECT c.id FROM channels c));
        CREATE POLICY collab_read ON messages FOR SELECT USING (channel IN (SELECT c.id FROM channels c));
        CREATE POLICY collab_read ON message_mentions FOR SELECT USING (msg IN (SELECT m.num FROM messages m));
        CREATE POLICY collab_read ON messages_fts FOR SELECT USING (rowid IN (SELECT m.num FROM messages m));

        CREATE POLICY collab_read ON calendars FOR SELECT USING (owner = (SELECT collab_rls_uid(current_user)) OR (visibility = 'public' AND (SELECT collab_rls_member(current_user)))
            OR id IN (SELECT collab_rls_listed(current_user, 'calendar')));
        CREATE POLICY collab_read ON rooms FOR SELECT USING ((SELECT collab_rls_uid(current_user)) IS NOT NULL);
        CREATE POLICY collab_read ON room_managers FOR SELECT USING ((SELECT collab_rls_uid(current_user)) IS NOT NULL);
        CREATE POLICY collab_read ON events FOR SELECT USING (calendar IN (SELECT c.id FROM calendars c)
            OR organizer = (SELECT collab_rls_uid(current_user)) OR id IN (SELECT collab_rls_attending(current_user)));
        CREATE POLICY collab_read ON attendees FOR SELECT USING (event_id IN (SELECT e.id FROM events e));
        CREATE POLICY collab_read ON event_overrides FOR SELECT USING (event_id IN (SELECT e.id FROM events e));
        CREATE POLICY collab_read ON subscriptions FOR SELECT USING (calendar IN (SELECT c.id FROM calendars c));
        CREATE POLICY collab_read ON working_hours FOR SELECT USING ((SELECT collab_rls_member(current_user)) OR user_id = (SELECT collab_rls_uid(current_user)));
        CREATE POLICY collab_read ON reminders_sent FOR SELECT USING (actor = (SELECT collab_rls_uid(current_user)));

        CREATE POLICY collab_read ON folders FOR SELECT USING (owner = (SELECT collab_rls_uid(current_user)) OR (visibility = 'public' AND (SELECT collab_rls_member(current_user)))
            OR id IN (SELECT collab_rls_listed(current_user, 'folder')));
        CREATE POLICY collab_read ON documents FOR SELECT USING (folder IN (SELECT f.id FROM folders f)
            OR owner = (SELECT collab_rls_uid(current_user)) OR id IN (SELECT collab_rls_listed(current_user, 'doc')));
        CREATE POLICY collab_read ON doc_tags FOR SELECT USING (doc IN (SELECT d.id FROM documents d));
        CREATE POLICY collab_read ON versions FOR SELECT USING (doc IN (SELECT d.id FROM documents d));
        CREATE POLICY collab_read ON doc_text FOR SELECT USING (doc IN (SELECT d.id FROM documents d));
        CREATE POLICY collab_read ON blobs FOR SELECT
            USING (sha256 IN (SELECT v.sha256 FROM versions v) OR sha256 IN (SELECT d.sha256 FROM documents d));
        CREATE POLICY collab_read ON chunks FOR SELECT USING (blob IN (SELECT b.id FROM blobs b));
        CREATE POLICY collab_read ON circuits FOR SELECT USING (doc IN (SELECT d.id FROM documents d));
        CREATE POLICY collab_read ON circuit_steps FOR SELECT USING (circuit IN (SELECT c.id FROM circuits c));
        CREATE POLICY collab_read ON step_principals FOR SELECT USING (circuit IN (SELECT c.id FROM circuits c));
        CREATE POLICY collab_read ON decisions FOR SELECT USING (circuit IN (SELECT c.id FROM circuits c));
        CREATE POLICY collab_read ON delegations FOR SELECT USING (from_user = (SELECT collab_rls_uid(current_user)) OR to_user = (SELECT collab_rls_uid(current_user)));
        CREATE POLICY collab_read ON signing_keys FOR SELECT USING ((SELECT collab_rls_uid(current_user)) IS NOT NULL);

        """
}
