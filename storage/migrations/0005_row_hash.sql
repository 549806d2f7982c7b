-- Taizhang schema 5: a record remembers the ledger row it was made from.
--
-- row_hash is a digest of the incoming row a record was created from
-- (rowhash.go: its cells, hidden id and revision, the fields its sheet
-- carries) bound to the revision it made; 0 for a record no row made, or
-- changed since. Importing the same file again finds such rows unchanged
-- from this column alone, without decoding the record's body: the planner
-- did that for every row, most of a re-import's cost. Any later save
-- makes a new revision, which the digest no longer matches.
ALTER TABLE records ADD COLUMN row_hash INTEGER NOT NULL DEFAULT 0;
