-- case: a table with the column types migrations get wrong
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE IF NOT EXISTS measurements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sensor smallint NOT NULL,
  reading integer,
  taken_at timestamp NOT NULL,
  unit char(3),
  label character varying(64),
  payload json,
  tags text[] NOT NULL DEFAULT '{}'
);
