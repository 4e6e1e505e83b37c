-- case: a new table's foreign key locks the referenced table
-- expect: require-lock-timeout fires
-- expect: require-statement-timeout fires
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
CREATE INDEX payments_order_idx ON payments (order_id);
