-- expect: disallowed-unique-constraint fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN code text UNIQUE;
