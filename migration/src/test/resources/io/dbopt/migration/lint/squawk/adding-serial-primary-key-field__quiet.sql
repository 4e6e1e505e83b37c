-- expect: adding-serial-primary-key-field quiet
-- expect: constraint-missing-not-valid quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx;
