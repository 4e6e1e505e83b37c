-- expect: adding-not-nullable-field fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
