-- expect: ban-drop-table fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP TABLE legacy_orders;
