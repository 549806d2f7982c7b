-- Taizhang schema 15: a record copied from another machine at a revision
-- made there keeps that revision as its own row too.
--
-- A clone (an export of another machine imported into an empty folder)
-- stored each record's adopted revision as a revisions row (the revision's
-- parent and author, nothing else of its own) and a changes row saying the
-- import created it: 100,000 records, 32 MB and a second of the writer's
-- time. Now such a record has rev_implicit = 2, rev_parent and rev_by (the
-- revision's parent and author) and import_id (the import that created it
-- here, by updated_by at created_at); the store writes both rows out when
-- the record moves on (records.go). rev_implicit = 1 is schema 13's first
-- revision made here.
ALTER TABLE records ADD COLUMN rev_parent TEXT;
ALTER TABLE records ADD COLUMN rev_by TEXT;
DROP VIEW revision_rows;
CREATE VIEW revision_rows AS
SELECT record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body FROM revisions
UNION ALL
SELECT id, rev, kind, coalesce(rev_parent, ''), '', deleted, rev_implicit = 2, created_at, coalesce(rev_by, updated_by),
	CASE WHEN rev_implicit = 1 THEN import_id END, NULL
FROM records WHERE rev_implicit <> 0;
