-- expect: prefer-bigint-over-int fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE counters (id bigint PRIMARY KEY, hits integer NOT NULL, views int4, ids int[]);
ALTER TABLE orders ADD COLUMN attempts int;
ALTER TABLE orders ALTER COLUMN quantity TYPE integer;
