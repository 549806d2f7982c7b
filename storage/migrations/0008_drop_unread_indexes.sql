-- Taizhang schema 8: no indexes that no query reads.
--
-- Every index costs each new record an insert into another B-tree. These
-- three are read by no query plan (TestHotQueriesReadTheirIndex pins the
-- plans of the queries they might have served):
--   records_kind_deadline (kind, deadline): the deadline sort reads
--     records_kind_deadline_sort; nothing filters by deadline alone.
--   records_seq_kind (seq, kind, deleted): a search's matches find their
--     rows by seq, the table's own key, and read kind and deleted there.
--   records_kind_day (kind, day): the one date filter (the workbench's
--     visits of the month) reads the rows of a small kind it lists anyway;
--     no ledger of tasks filters by date in SQL.
-- 7 MB of the 100,000-row database and three B-tree inserts a record.
DROP INDEX records_kind_deadline;
DROP INDEX records_seq_kind;
DROP INDEX records_kind_day;
