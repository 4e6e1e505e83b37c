-- expect: changing-column-type quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN amount SET DEFAULT 0;
