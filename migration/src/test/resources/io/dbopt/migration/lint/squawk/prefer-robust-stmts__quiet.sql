-- transactions: none
-- expect: prefer-robust-stmts quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE IF NOT EXISTS coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS coupon_id bigint;
ALTER TABLE orders DROP COLUMN IF EXISTS legacy;
DROP TABLE IF EXISTS old_coupons;
DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_coupon_fk;
ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons (id) NOT VALID;
