-- expect: adding-foreign-key-constraint fires
-- expect: constraint-missing-not-valid fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
