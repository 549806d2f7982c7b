-- Taizhang schema 7: what the figures count, apart from the bodies.
--
-- The statistics screen decoded every body (1.8 s at 100,000 items), most
-- of it long text no figure reads. facts holds model.FigureFacts of every
-- live record the figures count (storage/facts.go): JSON of a few hundred
-- bytes, keyed by the record's seq, written by every save beside the body.
-- The store fills it for existing records after this migration
-- (migrate.go, rewriteFromBodies). Rows are appended in seq order, so the table
-- costs an import one append a row and no index.
CREATE TABLE facts (
    seq  INTEGER PRIMARY KEY,
    id   TEXT NOT NULL,
    kind TEXT NOT NULL,
    data BLOB NOT NULL
);
