-- Taizhang schema 4: what a task's light is judged from, in columns.
--
-- A light depends on today and the office's rules, so it is not stored;
-- what it is judged from does not: whether the task is open (assigned and
-- not finished, model.TaskOpen) and its current deadline (the latest
-- approved extension else the typed one, model.CurrentDeadline; '' for
-- ongoing and periodic items). Lights were judged in SQL from the bodies
-- (json_extract over every open task: 2.5 s at 100,000 tasks); now the red
-- filter and the light counts read one index. The store writes both columns
-- on every save and fills them for existing tasks after this migration
-- (migrate.go, fillTaskLights). Other kinds keep 0 and ''.
ALTER TABLE records ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN due TEXT NOT NULL DEFAULT '';
CREATE INDEX records_kind_open_due ON records(kind, deleted, open, due, key);

-- A ledger sorted by deadline (items without a date last) is read in
-- index order, a page at a time, instead of sorting every record.
CREATE INDEX records_kind_deadline_sort ON records(kind, deleted, deadline = '', deadline);

