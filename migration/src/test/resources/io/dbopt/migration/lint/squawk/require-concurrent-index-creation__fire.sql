-- expect: require-concurrent-index-creation fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE INDEX orders_status_idx ON orders (status);
CREATE UNIQUE INDEX ON orders (code);
