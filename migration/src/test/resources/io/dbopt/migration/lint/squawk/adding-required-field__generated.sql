-- case: a generated column is never "NOT NULL without default": its value is computed
-- expect: adding-required-field quiet
-- expect: adding-field-with-default fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (amount * 100) STORED NOT NULL;
