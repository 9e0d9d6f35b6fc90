extension Migrations {
    /// collab-task: projects (spaces), tasks, their tags and dependencies, comments,
    /// templates, and the full-text index of titles and descriptions.
    static let task = """
        CREATE TABLE projects (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL,
            description TEXT,
            owner       TEXT NOT NULL REFERENCES users(id),
            group_id    TEXT REFERENCES groups(id),
            visibility  TEXT NOT NULL,
            status      TEXT NOT NULL,
            due         TEXT,
            rev         INTEGER NOT NULL,
            created     TEXT NOT NULL,
            updated     TEXT NOT NULL
        );
        CREATE TABLE tasks (
            n            INTEGER PRIMARY KEY,
            uuid         TEXT NOT NULL UNIQUE,
            title        TEXT NOT NULL,
            description  TEXT,
            project      TEXT REFERENCES projects(id),
            status       TEXT NOT NULL,
            priority     TEXT NOT NULL,
            assignee     TEXT REFERENCES users(id),
            author       TEXT NOT NULL,
            due          TEXT,
            start        TEXT,
            estimate     TEXT,
            estimate_s   INTEGER,
            parent       INTEGER REFERENCES tasks(n),
            recur        TEXT,
            recur_zone   TEXT,
            recur_anchor TEXT,
            recur_index  INTEGER,
            recur_of     INTEGER UNIQUE,
            done_at      TEXT,
            extra        TEXT,
            rev          INTEGER NOT NULL,
            created      TEXT NOT NULL,
            updated      TEXT NOT NULL
        );
        CREATE INDEX tasks_by_assignee ON tasks(assignee, n);
        CREATE INDEX tasks_by_project ON tasks(project, n);
        CREATE INDEX tasks_by_parent ON tasks(parent);
        CREATE TABLE task_tags (
            task INTEGER NOT NULL REFERENCES tasks(n),
            tag  TEXT NOT NULL,
            PRIMARY KEY (task, tag)
        );
        CREATE INDEX task_tags_by_tag ON task_tags(tag, task);
        CREATE TABLE task_deps (
            task    INTEGER NOT NULL REFERENCES tasks(n),
            depends INTEGER NOT NULL REFERENCES tasks(n),
            PRIMARY KEY (task, depends)
        );
        CREATE INDEX task_deps_by_blocker ON task_deps(depends, task);
        CREATE TABLE comments (
            n      INTEGER PRIMARY KEY,
            on_id  TEXT NOT NULL,
            author TEXT NOT NULL,
            ts     TEXT NOT NULL,
            body   TEXT NOT NULL
        );
        CREATE INDEX comments_by_target ON comments(on_id, n);
        CREATE TABLE task_templates (
            id      TEXT PRIMARY KEY,
            project TEXT,
            body    TEXT NOT NULL,
            rev     INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE tasks_fts USING fts5(
            title, description, content='tasks', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
            INSERT INTO tasks_fts (rowid, title, description) VALUES (new.n, new.title, new.description);
        END;
        CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
            INSERT INTO tasks_fts (tasks_fts, rowid, title, description) VALUES ('delete', old.n, old.title, old.description);
        END;
        CREATE TRIGGER tasks_fts_update AFTER UPDATE OF title, description ON tasks BEGIN
            INSERT INTO tasks_fts (tasks_fts, rowid, title, description) VALUES ('delete', old.n, old.title, old.description);
            INSERT INTO tasks_fts (rowid, title, description) VALUES (new.n, new.title, new.description);
        END;
        """
}
