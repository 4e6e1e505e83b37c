-- expect: changing-column-type fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN amount TYPE bigint;
ALTER TABLE orders ALTER COLUMN note SET DATA TYPE varchar(50);
