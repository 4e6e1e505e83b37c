-- case: an ignore comment naming a rule that does not exist (a typo) ignores nothing
-- expect: unused-ignore fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- dbopt:ignore drop-tabel the table is unused since 2.3
-- squawk-ignore ban-drop-tabel
DROP TABLE IF EXISTS legacy_orders;
