-- Taizhang schema 11: bodies packed with dictionaries of their own kind.
--
-- A kind's dictionary is made of the first bodies of it a transaction
-- stores (64, at most 96 KiB, storage/pack.go); from then on the kind's
-- bodies, figure facts and old revision bodies are stored as zstd frames
-- made with it (BLOB, first byte 2), which name it by id. The id is a hash
-- of the content: the same id is always the same bytes. Bodies stored
-- before stay text and are read as they are. A 100,000-row ledger's bodies
-- take 21 MB instead of 134 MB. SQL that reads into bodies does it through
-- tz_text(body).
CREATE TABLE IF NOT EXISTS dicts (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    data    BLOB NOT NULL,
    made_at TEXT NOT NULL
);
