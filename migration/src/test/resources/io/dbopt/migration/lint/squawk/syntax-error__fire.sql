-- case: a misspelt keyword; dbopt reports it and still lints the rest of the file
-- expect: syntax-error fires
-- divergence: require-concurrent-index-creation: squawk stops at the syntax error and lints nothing else in the file; dbopt still checks the valid statements
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAUL 'x';
CREATE INDEX orders_note_idx ON orders (note);
