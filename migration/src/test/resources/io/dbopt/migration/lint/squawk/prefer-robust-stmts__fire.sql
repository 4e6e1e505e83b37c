-- transactions: none
-- expect: prefer-robust-stmts fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE orders ADD COLUMN coupon_id bigint;
ALTER TABLE orders DROP COLUMN legacy;
DROP TABLE old_coupons;
DROP TYPE old_mood;
ALTER TABLE orders DROP CONSTRAINT orders_coupon_fk;
