-- expect: require-concurrent-index-creation quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text NOT NULL);
CREATE INDEX items_code_idx ON items (code);
