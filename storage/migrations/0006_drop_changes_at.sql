-- Taizhang schema 6: no index of the history by time.
--
-- changes_at was made for a list of recent changes that reads the
-- history by record instead (changes_record); no query reads it. It cost
-- an index entry for every history row: 100,000 on a first import of as
-- many rows, and 4.5 MB of the database.
DROP INDEX changes_at;
