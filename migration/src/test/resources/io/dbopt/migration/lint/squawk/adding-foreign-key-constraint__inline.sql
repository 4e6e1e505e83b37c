-- expect: adding-foreign-key-constraint fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);
