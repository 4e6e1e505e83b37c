-- pg: 11
-- transactions: none
-- exclude: prefer-robust-stmts
-- expect: adding-not-nullable-field fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
