extension Migrations {
    /// Folders, documents, versions, content by SHA-256 in 1 MiB chunks, tags, the text
    /// index of documents (FTS5: SQLite only, kept in this one place); validation circuits,
    /// their decisions, delegations and signing keys.
    static let doc = """
        CREATE TABLE folders (
            id           TEXT PRIMARY KEY,
            title        TEXT NOT NULL,
            visibility   TEXT NOT NULL,
            owner        TEXT NOT NULL,
            name_pattern TEXT,
            rev          INTEGER NOT NULL,
            created      TEXT NOT NULL,
            updated      TEXT NOT NULL
        );
        CREATE TABLE blobs (
            id     INTEGER PRIMARY KEY,
            sha256 TEXT UNIQUE,
            size   INTEGER NOT NULL,
            chunks INTEGER NOT NULL
        );
        CREATE TABLE chunks (
            blob  INTEGER NOT NULL REFERENCES blobs(id),
            n     INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (blob, n)
        );
        CREATE TABLE documents (
            id           TEXT PRIMARY KEY,
            num          INTEGER NOT NULL UNIQUE,
            title        TEXT NOT NULL,
            folder       TEXT NOT NULL REFERENCES folders(id),
            owner        TEXT NOT NULL,
            version      INTEGER NOT NULL,
            size         INTEGER NOT NULL,
            sha256       TEXT NOT NULL,
            media_type   TEXT NOT NULL,
            status       TEXT NOT NULL,
            locked_by    TEXT,
            retain_until TEXT,
            rev          INTEGER NOT NULL,
            created      TEXT NOT NULL,
            updated      TEXT NOT NULL
        );
        CREATE INDEX documents_by_folder ON documents(folder, num);
        CREATE INDEX documents_by_owner ON documents(owner, num);
        CREATE TABLE doc_tags (
            doc TEXT NOT NULL REFERENCES documents(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (doc, tag)
        );
        CREATE INDEX doc_tags_by_tag ON doc_tags(tag, doc);
        CREATE TABLE versions (
            doc        TEXT NOT NULL REFERENCES documents(id),
            n          INTEGER NOT NULL,
            sha256     TEXT NOT NULL,
            size       INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            author     TEXT NOT NULL,
            ts         TEXT NOT NULL,
            note       TEXT,
            PRIMARY KEY (doc, n)
        );
        CREATE INDEX versions_by_sha256 ON versions(sha256);
        CREATE TABLE circuits (
            id         TEXT PRIMARY KEY,
            num        INTEGER NOT NULL UNIQUE,
            doc        TEXT NOT NULL REFERENCES documents(id),
            version    INTEGER NOT NULL,
            sha256     TEXT NOT NULL,
            state      TEXT NOT NULL,
            started_by TEXT NOT NULL,
            rev        INTEGER NOT NULL,
            created    TEXT NOT NULL,
            updated    TEXT NOT NULL
        );
        CREATE INDEX circuits_by_doc ON circuits(doc, num);
        CREATE INDEX circuits_by_state ON circuits(state, num);
        CREATE TABLE circuit_steps (
            circuit TEXT NOT NULL REFERENCES circuits(id),
            n       INTEGER NOT NULL,
            kind    TEXT NOT NULL,
            mode    TEXT NOT NULL,
            state   TEXT NOT NULL,
            due     TEXT,
            PRIMARY KEY (circuit, n)
        );
        CREATE INDEX circuit_steps_by_state ON circuit_steps(state, circuit);
        CREATE TABLE step_principals (
            circuit        TEXT NOT NULL REFERENCES circuits(id),
            n              INTEGER NOT NULL,
            principal_type TEXT NOT NULL,
            principal_id   TEXT NOT NULL,
            PRIMARY KEY (circuit, n, principal_type, principal_id)
        );
        CREATE INDEX step_principals_by_principal ON step_principals(principal_type, principal_id);
        CREATE TABLE decisions (
            id           TEXT PRIMARY KEY,
            num          INTEGER NOT NULL UNIQUE,
            circuit      TEXT NOT NULL REFERENCES circuits(id),
            doc          TEXT NOT NULL,
            version      INTEGER NOT NULL,
            step         INTEGER NOT NULL,
            by_user      TEXT NOT NULL,
            on_behalf_of TEXT,
            action       TEXT NOT NULL,
            ts           TEXT NOT NULL,
            comment      TEXT,
            statement    TEXT,
            signature    TEXT,
            key          TEXT,
            undone       TEXT
        );
        CREATE INDEX decisions_by_circuit ON decisions(circuit, num);
        CREATE TABLE delegations (
            id         TEXT PRIMARY KEY,
            num        INTEGER NOT NULL UNIQUE,
            from_user  TEXT NOT NULL REFERENCES users(id),
            to_user    TEXT NOT NULL REFERENCES users(id),
            starts     TEXT NOT NULL,
            ends       TEXT NOT NULL,
            created    TEXT NOT NULL
        );
        CREATE INDEX delegations_by_to ON delegations(to_user, starts);
        CREATE INDEX delegations_by_from ON delegations(from_user, starts);
        CREATE TABLE signing_keys (
            id          TEXT PRIMARY KEY,
            num         INTEGER NOT NULL UNIQUE,
            owner_type  TEXT NOT NULL,
            owner       TEXT NOT NULL,
            public_key  TEXT NOT NULL,
            status      TEXT NOT NULL,
            valid_from  TEXT NOT NULL,
            valid_until TEXT,
            revoked     TEXT,
            rev         INTEGER NOT NULL,
            created     TEXT NOT NULL,
            updated     TEXT NOT NULL
        );
        CREATE INDEX signing_keys_by_owner ON signing_keys(owner_type, owner, num);
        CREATE VIRTUAL TABLE doc_text USING fts5(doc UNINDEXED, title, body, tokenize = '\(FullText.tokenizer)');
        """
}
