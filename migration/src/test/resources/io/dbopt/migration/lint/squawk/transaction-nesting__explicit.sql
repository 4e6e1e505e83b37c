-- transactions: none
-- exclude: prefer-robust-stmts
-- expect: transaction-nesting fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
BEGIN;
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
COMMIT;
