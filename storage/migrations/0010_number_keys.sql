-- Taizhang schema 10: natural keys forget how a number's brackets, zeros
-- and 号 were typed.
--
-- A returned ledger's 督[2025]1号, 督(2025)1号, 督〔2025〕01号 and 督〔2025〕1
-- are the item 督〔2025〕1号 (model.NaturalKey, keyPart). records.key holds
-- each record's natural key; the store works it out again for every record
-- after this migration (migrate.go, rekey). No table changes.
SELECT 1;
