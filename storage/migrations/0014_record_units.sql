-- Taizhang schema 14: the units a record names, in a column.
--
-- A list filtered by unit (the ledger's 单位 box: the lead unit, or any unit
-- in units[]) read every body's units with json_each: 1.1-1.5 s to count
-- 100,000 tasks, and with packed bodies (schema 11) each body unpacked
-- first. records.units holds the names of units[] between U+001F marks
-- (␟市财政局␟市水利局␟, '' for none), written by every save (columns.go); the
-- filter reads it with instr. The store fills it for existing records after
-- this migration (migrate.go, fillRecordUnits).
ALTER TABLE records ADD COLUMN units TEXT NOT NULL DEFAULT '';
