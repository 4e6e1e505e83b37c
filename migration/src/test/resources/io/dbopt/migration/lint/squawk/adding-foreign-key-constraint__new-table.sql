-- expect: adding-foreign-key-constraint quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE payments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL);
ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
CREATE INDEX payments_order_idx ON payments (order_id);
