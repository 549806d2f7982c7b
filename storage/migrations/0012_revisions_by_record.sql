-- Taizhang schema 12: revisions kept in the order of their records' ids,
-- and figure facts without the record's id.
--
-- Since schema 11 a revision row is small (a current body is NULL, an old
-- one packed), so the table can be its own index: a WITHOUT ROWID table
-- keyed by (record_id, rev) instead of a rowid table with an index on the
-- same key beside it. Record ids are time-ordered (storage/codec.go newID),
-- so new rows still go at the end, unlike the random ids of schema 1. An
-- export reads a kind's revision links in record order straight from the
-- table, so revisions_kind goes too. At 100,000 rows: 15.5 MB of indexes.
-- Revisions of one record are ordered by time (at), then generation, not
-- by n.
CREATE TABLE revisions_v3 (
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
    body        BLOB, -- NULL: the record's current body; see schema 2 and 11
    PRIMARY KEY (record_id, rev)
) WITHOUT ROWID;
INSERT INTO revisions_v3 (record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body)
SELECT record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body
FROM revisions ORDER BY record_id, rev;
DROP TABLE revisions;
ALTER TABLE revisions_v3 RENAME TO revisions;

-- The figures read a record's id from records by seq (facts.seq is
-- records.seq): 36 bytes a record less.
CREATE TABLE facts_v2 (
    seq  INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    data BLOB NOT NULL
);
INSERT INTO facts_v2 (seq, kind, data) SELECT seq, kind, data FROM facts ORDER BY seq;
DROP TABLE facts;
ALTER TABLE facts_v2 RENAME TO facts;
