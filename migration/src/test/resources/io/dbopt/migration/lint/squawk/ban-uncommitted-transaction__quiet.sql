-- transactions: none
-- expect: ban-uncommitted-transaction quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
