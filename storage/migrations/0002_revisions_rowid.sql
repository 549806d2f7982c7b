-- Taizhang schema 2: revisions in a rowid table, each body stored once.
--
-- Schema 1 kept revisions in a WITHOUT ROWID table keyed by (random UUID,
-- rev) with the full body in the key's B-tree: every insert split pages in
-- the middle of the file, half of the table was free space, and the
-- current body was stored twice (here and in records). Now rows append to a
-- rowid table, a small index finds them, and body is:
--   NULL  the record's current body (records.body where records.rev = rev);
--         the store writes it out compressed when the record moves on;
--   BLOB  flate-compressed canonical JSON (codec.go packBody);
--   TEXT  canonical JSON as schema 1 stored it.
CREATE TABLE revisions_v2 (
    n           INTEGER PRIMARY KEY,
    record_id   TEXT NOT NULL,
    rev         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent      TEXT NOT NULL DEFAULT '',
    merged_from TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0,
    foreign_rev INTEGER NOT NULL DEFAULT 0, -- stored by PutRevision, hashed elsewhere
    at          TEXT NOT NULL,
    by          TEXT NOT NULL DEFAULT '',
    import_id   TEXT REFERENCES imports(id),
    body        BLOB
);

INSERT INTO revisions_v2 (record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body)
SELECT v.record_id, v.rev, v.kind, v.parent, v.merged_from, v.deleted, v.foreign_rev, v.at, v.by, v.import_id,
    CASE WHEN EXISTS (SELECT 1 FROM records r WHERE r.id = v.record_id AND r.rev = v.rev AND r.body = v.body)
        THEN NULL ELSE v.body END
FROM revisions v ORDER BY v.at, v.record_id, v.rev;

DROP TABLE revisions;
ALTER TABLE revisions_v2 RENAME TO revisions;
CREATE UNIQUE INDEX revisions_record ON revisions(record_id, rev);

-- Search counts and text-driven lists look up kind and deleted for every
-- match: from this index instead of the records' wide rows.
CREATE INDEX records_seq_kind ON records(seq, kind, deleted);

-- Exports stream each kind's records in id order beside their revision
-- links (stream.go): both read in that order from an index, not sorted in
-- a temporary B-tree of every body (or every revision) first.
CREATE INDEX records_kind_id ON records(kind, deleted, id);
CREATE INDEX revisions_kind ON revisions(kind, record_id, rev, parent, merged_from);
