-- Taizhang schema 1: a document store with revisions (CouchDB-like).

-- records holds the current revision of every record. seq is an explicit
-- INTEGER PRIMARY KEY so the search index can refer to it: VACUUM may
-- renumber implicit rowids.
CREATE TABLE records (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    rev        TEXT NOT NULL,
    key        TEXT NOT NULL DEFAULT '',
    deleted    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    -- list filters, copied from the body on save (columns.go). Plain
    -- columns placed before the body: SQLite stores generated columns at the
    -- end of the row, behind the body's overflow pages.
    status    TEXT NOT NULL DEFAULT '',
    lead_unit TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT '',
    deadline  TEXT NOT NULL DEFAULT '',
    day       TEXT NOT NULL DEFAULT '', -- the kind's main date, for From/To
    -- canonical JSON of the fields, Meta stripped; last, so that reading the
    -- columns above never walks the body's overflow pages
    body TEXT NOT NULL
);
CREATE INDEX records_kind_updated ON records(kind, deleted, updated_at, seq);
CREATE INDEX records_kind_key ON records(kind, key);
CREATE INDEX records_kind_status ON records(kind, status);
CREATE INDEX records_kind_lead ON records(kind, lead_unit);
CREATE INDEX records_kind_source ON records(kind, source);
CREATE INDEX records_kind_deadline ON records(kind, deadline);
CREATE INDEX records_kind_day ON records(kind, day);

CREATE TABLE imports (
    id     TEXT PRIMARY KEY,
    file   TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    by     TEXT NOT NULL DEFAULT '',
    at     TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}'
);

-- Every revision body is kept, so a later import can find the body both
-- sides last agreed on. No foreign key to records: a foreign revision may be
-- stored before its record exists here.
CREATE TABLE revisions (
    record_id   TEXT NOT NULL,
    rev         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent      TEXT NOT NULL DEFAULT '',
    merged_from TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    foreign_rev INTEGER NOT NULL DEFAULT 0, -- stored by PutRevision, hashed elsewhere
    at          TEXT NOT NULL,
    by          TEXT NOT NULL DEFAULT '',
    import_id   TEXT REFERENCES imports(id),
    PRIMARY KEY (record_id, rev)
) WITHOUT ROWID;

CREATE TABLE changes (
    id        INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id),
    rev       TEXT NOT NULL,
    field     TEXT NOT NULL,
    old       TEXT NOT NULL DEFAULT '',
    new       TEXT NOT NULL DEFAULT '',
    by        TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    import_id TEXT REFERENCES imports(id)
);
CREATE INDEX changes_record ON changes(record_id, id);
CREATE INDEX changes_at ON changes(at);

CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY,
    record_id   TEXT NOT NULL REFERENCES records(id),
    kind        TEXT NOT NULL,
    number      TEXT NOT NULL DEFAULT '',
    field       TEXT NOT NULL,
    base        TEXT NOT NULL DEFAULT '',
    local       TEXT NOT NULL DEFAULT '',
    incoming    TEXT NOT NULL DEFAULT '',
    import_id   TEXT REFERENCES imports(id),
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflicts_pending ON conflicts(resolved_at, created_at);
CREATE INDEX conflicts_record ON conflicts(record_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Search text: overlapping CJK bigrams and lowercase Latin/digit words,
-- written by the store (search.go). rowid = records.seq.
CREATE VIRTUAL TABLE search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61');
