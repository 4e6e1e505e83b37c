-- expect: prefer-bigint-over-int fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE counters (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
