-- case: the check was added NOT VALID by an earlier migration; this one validates it and sets NOT NULL
-- expect: adding-not-nullable-field quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
