extension Migrations {
    /// Folders, documents, versions, content by SHA-256 in 1 MiB chunks, tags, the text
    /// index of documents (FTS5: SQLite only, kept in this one place).
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
        CREATE VIRTUAL TABLE doc_text USING fts5(doc UNINDEXED, title, body, tokenize = '\(FullText.tokenizer)');
        """
}
