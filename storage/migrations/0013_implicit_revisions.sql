-- Taizhang schema 13: a record's first revision, while it is current, is
-- the record's own row.
--
-- A record made here (not copied from another machine) at its first
-- revision had a revisions row of nothing but what records holds: its id
-- and rev, kind, no parent, the body (NULL: records.body), the time and
-- author of its creation, and the import that made it. 100,000 rows of an
-- import: 16 MB. Now such a record has rev_implicit = 1 and import_id set,
-- and no revisions row; the store writes the row out (with the old body
-- packed) when the record moves on. revision_rows is every revision, stored
-- or implicit: what reads revisions by record reads it.
ALTER TABLE records ADD COLUMN rev_implicit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN import_id TEXT;
CREATE VIEW revision_rows AS
SELECT record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body FROM revisions
UNION ALL
SELECT id, rev, kind, '', '', deleted, 0, created_at, updated_by, import_id, NULL FROM records WHERE rev_implicit = 1;
