-- expect: unused-ignore quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- dbopt:ignore drop-table the table is unused since 2.3 and backed up
-- squawk-ignore ban-drop-table
DROP TABLE legacy_orders;
