-- expect: prefer-bigint-over-smallint fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE levels (id bigint PRIMARY KEY, level smallint, rank int2);
ALTER TABLE orders ADD COLUMN priority smallint;
