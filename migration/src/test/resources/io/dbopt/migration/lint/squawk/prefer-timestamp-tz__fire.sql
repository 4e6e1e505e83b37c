-- expect: prefer-timestamp-tz fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamp, at2 timestamp without time zone, at3 timestamp(3));
ALTER TABLE orders ADD COLUMN shipped_at timestamp;
