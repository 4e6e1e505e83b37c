-- expect: renaming-column fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders RENAME COLUMN amount TO total;
