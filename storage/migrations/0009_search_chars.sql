-- Taizhang schema 9: the search index in two tables, half the work to write.
--
-- Schema 3 wrote every CJK character twice: its bigram, and that bigram's
-- one-character prefix entry (prefix='1'), both with positions. Now:
-- search holds only the bigrams of runs of two or more characters, with
-- positions, for phrase queries (any term of 2+ characters); search_chars
-- holds each distinct character and Latin/digit word of a record once,
-- without positions (detail=none), for one-character terms and words.
-- prefix='2 3' gives words (written after a one-character mark, search.go)
-- the indexes one- and two-letter searches need ("1", "12" among 100,000
-- numbers); a CJK character, one character long, gets no prefix entry.
-- The store writes both again from the records after this migration
-- (migrate.go, rewriteFromBodies).
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5(text, content='', contentless_delete=1, tokenize='ascii');
INSERT INTO search(search, rank) VALUES ('hashsize', 8388608);
CREATE VIRTUAL TABLE search_chars USING fts5(text, content='', contentless_delete=1, tokenize='ascii', prefix='2 3', detail=none);
INSERT INTO search_chars(search_chars, rank) VALUES ('hashsize', 8388608);
