-- expect: require-concurrent-index-deletion quiet
-- transactions: none
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;
