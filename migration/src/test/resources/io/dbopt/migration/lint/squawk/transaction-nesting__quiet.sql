-- transactions: none
-- expect: transaction-nesting quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
