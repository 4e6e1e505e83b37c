-- transactions: none
-- exclude: prefer-robust-stmts
-- expect: ban-uncommitted-transaction fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
