-- expect: prefer-timestamp-tz quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz, at2 timestamp with time zone, at3 timestamptz(3));
