-- expect: require-concurrent-index-deletion fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP INDEX orders_status_idx, orders_code_idx;
