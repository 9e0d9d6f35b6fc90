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
/// `db_roles` maps a database role to its collab user. Every policy asks the SECURITY
/// DEFINER helpers below, with the querying role (`current_user`); a helper answers only
/// for a role the session's login role is (a member of), so nobody can probe someone
/// else's access by passing another role's name. Every table has RLS enabled and an
/// admin policy; a table with no other policy (the audit log `changes`, `meta`,
/// `sequences`, `ext_keys`, hooks, holds, retention rules, erasures...) shows nothing to
/// anyone but admins.
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
        CREATE FUNCTION collab_rls_self(who name, uid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce(uid = collab_rls_uid(who), false)
        $$;
        CREATE FUNCTION collab_rls_member(who name) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce(collab_rls_role(who) IN ('admin', 'member'), false)
        $$;
        CREATE FUNCTION collab_rls_space(who name, stype text, sid text, vis text, sowner text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((
                SELECT u.role = 'admin' OR u.id = sowner OR (vis = 'public' AND u.role <> 'guest')
                    OR EXISTS (SELECT 1 FROM acl a WHERE a.space_type = stype AND a.space_id = sid
                        AND ((a.principal_type = 'user' AND a.principal_id = u.id)
                          OR (a.principal_type = 'group'
                              AND a.principal_id IN (SELECT g.group_id FROM group_members g WHERE g.user_id = u.id))))
                FROM users u WHERE u.id = collab_rls_uid(who)), false)
        $$;
        CREATE FUNCTION collab_rls_project(who name, pid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_space(who, 'project', p.id, p.visibility, p.owner) FROM projects p WHERE p.id = pid), false)
        $$;
        CREATE FUNCTION collab_rls_channel(who name, cid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_space(who, 'channel', c.id, c.visibility, c.owner) FROM channels c WHERE c.id = cid), false)
        $$;
        CREATE FUNCTION collab_rls_folder(who name, fid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_space(who, 'folder', f.id, f.visibility, f.owner) FROM folders f WHERE f.id = fid), false)
        $$;
        CREATE FUNCTION collab_rls_calendar(who name, cid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_space(who, 'calendar', c.id, c.visibility, c.owner) FROM calendars c WHERE c.id = cid), false)
        $$;
        CREATE FUNCTION collab_rls_task(who name, proj text, assignee text, author text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT u.role = 'admin' OR assignee = u.id OR (proj IS NULL AND author = u.id)
                             FROM users u WHERE u.id = collab_rls_uid(who)), false)
                OR (proj IS NOT NULL AND collab_rls_project(who, proj))
        $$;
        CREATE FUNCTION collab_rls_task_n(who name, tn bigint) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_task(who, t.project, t.assignee, t.author) FROM tasks t WHERE t.n = tn), false)
        $$;
        CREATE FUNCTION collab_rls_comment(who name, on_id text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT CASE WHEN on_id ~ '^task-[0-9]{1,18}$' THEN collab_rls_task_n(who, substr(on_id, 6)::bigint) ELSE false END
        $$;
        CREATE FUNCTION collab_rls_message(who name, mn bigint) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_channel(who, m.channel) FROM messages m WHERE m.num = mn), false)
        $$;
        CREATE FUNCTION collab_rls_document(who name, did text, dfolder text, downer text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT collab_rls_folder(who, dfolder) OR collab_rls_space(who, 'doc', did, 'private', downer)
        $$;
        CREATE FUNCTION collab_rls_doc(who name, did text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_document(who, d.id, d.folder, d.owner) FROM documents d WHERE d.id = did), false)
        $$;
        CREATE FUNCTION collab_rls_circuit(who name, cid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_doc(who, c.doc) FROM circuits c WHERE c.id = cid), false)
        $$;
        CREATE FUNCTION collab_rls_blob(who name, sha text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT EXISTS (SELECT 1 FROM versions v WHERE v.sha256 = sha AND collab_rls_doc(who, v.doc))
                OR EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = sha AND collab_rls_document(who, d.id, d.folder, d.owner))
        $$;
        CREATE FUNCTION collab_rls_blob_id(who name, bid bigint) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_blob(who, b.sha256) FROM blobs b WHERE b.id = bid), false)
        $$;
        CREATE FUNCTION collab_rls_event(who name, eid text, ecal text, eorg text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT collab_rls_calendar(who, ecal) OR coalesce(eorg = collab_rls_uid(who), false)
                OR EXISTS (SELECT 1 FROM attendees a WHERE a.event_id = eid AND a.user_id = collab_rls_uid(who))
        $$;
        CREATE FUNCTION collab_rls_event_id(who name, eid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT collab_rls_event(who, e.id, e.calendar, e.organizer) FROM events e WHERE e.id = eid), false)
        $$;
        CREATE FUNCTION collab_rls_user_visible(who name, uid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT u.role <> 'guest' OR u.id = uid
                    OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON a.group_id = b.group_id
                               WHERE a.user_id = u.id AND b.user_id = uid)
                FROM users u WHERE u.id = collab_rls_uid(who)), false)
        $$;
        CREATE FUNCTION collab_rls_group_visible(who name, gid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT u.role <> 'guest'
                    OR EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = gid AND g.user_id = u.id)
                FROM users u WHERE u.id = collab_rls_uid(who)), false)
        $$;
        CREATE FUNCTION collab_rls_space_ref(who name, stype text, sid text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT CASE stype
                WHEN 'project' THEN collab_rls_project(who, sid)
                WHEN 'channel' THEN collab_rls_channel(who, sid)
                WHEN 'folder' THEN collab_rls_folder(who, sid)
                WHEN 'calendar' THEN collab_rls_calendar(who, sid)
                WHEN 'doc' THEN collab_rls_doc(who, sid)
                ELSE false END
        $$;

        DO $$
        DECLARE t text;
        BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY collab_admin ON %I FOR SELECT USING (collab_rls_admin(current_user))', t);
            END LOOP;
        END $$;

        CREATE POLICY collab_read ON db_roles FOR SELECT USING (collab_rls_self(current_user, user_id));
        CREATE POLICY collab_read ON users FOR SELECT USING (collab_rls_user_visible(current_user, id));
        CREATE POLICY collab_read ON groups FOR SELECT USING (collab_rls_group_visible(current_user, id));
        CREATE POLICY collab_read ON group_members FOR SELECT
            USING (collab_rls_group_visible(current_user, group_id) OR collab_rls_user_visible(current_user, user_id));
        CREATE POLICY collab_read ON acl FOR SELECT USING (collab_rls_space_ref(current_user, space_type, space_id));

        CREATE POLICY collab_read ON projects FOR SELECT USING (collab_rls_space(current_user, 'project', id, visibility, owner));
        CREATE POLICY collab_read ON tasks FOR SELECT USING (collab_rls_task(current_user, project, assignee, author));
        CREATE POLICY collab_read ON task_tags FOR SELECT USING (collab_rls_task_n(current_user, task));
        CREATE POLICY collab_read ON task_deps FOR SELECT USING (collab_rls_task_n(current_user, task));
        CREATE POLICY collab_read ON comments FOR SELECT USING (collab_rls_comment(current_user, on_id));
        CREATE POLICY collab_read ON task_templates FOR SELECT USING (collab_rls_uid(current_user) IS NOT NULL);

        CREATE POLICY collab_read ON channels FOR SELECT USING (collab_rls_space(current_user, 'channel', id, visibility, owner));
        CREATE POLICY collab_read ON channel_members FOR SELECT USING (collab_rls_channel(current_user, channel));
        CREATE POLICY collab_read ON channel_cursors FOR SELECT
            USING (collab_rls_self(current_user, user_id) AND collab_rls_channel(current_user, channel));
        CREATE POLICY collab_read ON messages FOR SELECT USING (collab_rls_channel(current_user, channel));
        CREATE POLICY collab_read ON message_mentions FOR SELECT USING (collab_rls_message(current_user, msg));
        CREATE POLICY collab_read ON messages_fts FOR SELECT USING (collab_rls_message(current_user, rowid));

        CREATE POLICY collab_read ON calendars FOR SELECT USING (collab_rls_space(current_user, 'calendar', id, visibility, owner));
        CREATE POLICY collab_read ON rooms FOR SELECT USING (collab_rls_uid(current_user) IS NOT NULL);
        CREATE POLICY collab_read ON room_managers FOR SELECT USING (collab_rls_uid(current_user) IS NOT NULL);
        CREATE POLICY collab_read ON events FOR SELECT USING (collab_rls_event(current_user, id, calendar, organizer));
        CREATE POLICY collab_read ON attendees FOR SELECT USING (collab_rls_event_id(current_user, event_id));
        CREATE POLICY collab_read ON event_overrides FOR SELECT USING (collab_rls_event_id(current_user, event_id));
        CREATE POLICY collab_read ON subscriptions FOR SELECT USING (collab_rls_calendar(current_user, calendar));
        CREATE POLICY collab_read ON working_hours FOR SELECT
            USING (collab_rls_member(current_user) OR collab_rls_self(current_user, user_id));
        CREATE POLICY collab_read ON reminders_sent FOR SELECT USING (collab_rls_self(current_user, actor));

        CREATE POLICY collab_read ON folders FOR SELECT USING (collab_rls_space(current_user, 'folder', id, visibility, owner));
        CREATE POLICY collab_read ON documents FOR SELECT USING (collab_rls_document(current_user, id, folder, owner));
        CREATE POLICY collab_read ON doc_tags FOR SELECT USING (collab_rls_doc(current_user, doc));
        CREATE POLICY collab_read ON versions FOR SELECT USING (collab_rls_doc(current_user, doc));
        CREATE POLICY collab_read ON doc_text FOR SELECT USING (collab_rls_doc(current_user, doc));
        CREATE POLICY collab_read ON blobs FOR SELECT USING (collab_rls_blob(current_user, sha256));
        CREATE POLICY collab_read ON chunks FOR SELECT USING (collab_rls_blob_id(current_user, blob));
        CREATE POLICY collab_read ON circuits FOR SELECT USING (collab_rls_doc(current_user, doc));
        CREATE POLICY collab_read ON circuit_steps FOR SELECT USING (collab_rls_circuit(current_user, circuit));
        CREATE POLICY collab_read ON step_principals FOR SELECT USING (collab_rls_circuit(current_user, circuit));
        CREATE POLICY collab_read ON decisions FOR SELECT USING (collab_rls_circuit(current_user, circuit));
        CREATE POLICY collab_read ON delegations FOR SELECT
            USING (collab_rls_self(current_user, from_user) OR collab_rls_self(current_user, to_user));
        CREATE POLICY collab_read ON signing_keys FOR SELECT USING (collab_rls_uid(current_user) IS NOT NULL);

        """
}
