-- case: an index on a table created earlier in the same file, run without a transaction
-- transactions: none
-- expect: require-concurrent-index-creation fires
-- divergence: require-concurrent-index-creation: the table was created by this script a statement earlier, so no other session knows it and nothing waits for the SHARE lock
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE IF NOT EXISTS items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text NOT NULL);
CREATE INDEX IF NOT EXISTS items_code_idx ON items (code);
