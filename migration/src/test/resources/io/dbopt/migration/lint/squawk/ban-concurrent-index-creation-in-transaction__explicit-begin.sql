-- transactions: none
-- expect: ban-concurrent-index-creation-in-transaction fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
COMMIT;
