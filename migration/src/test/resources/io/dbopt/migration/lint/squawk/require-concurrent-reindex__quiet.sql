-- expect: require-concurrent-reindex quiet
-- transactions: none
SET lock_timeout = '1s';
SET statement_timeout = '5s';
REINDEX INDEX CONCURRENTLY orders_status_idx;
