-- expect: require-concurrent-reindex fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
REINDEX INDEX orders_status_idx;
REINDEX TABLE orders;
