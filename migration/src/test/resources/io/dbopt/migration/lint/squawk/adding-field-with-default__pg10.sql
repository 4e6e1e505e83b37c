-- pg: 10
-- expect: adding-field-with-default fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';
