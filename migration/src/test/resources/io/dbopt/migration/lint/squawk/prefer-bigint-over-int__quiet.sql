-- expect: prefer-bigint-over-int quiet
-- expect: prefer-bigint-over-smallint quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE counters (id bigint PRIMARY KEY, hits bigint NOT NULL, ratio numeric, flag boolean);
