-- expect: prefer-robust-stmts quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE orders ADD COLUMN coupon_id bigint;
DROP TABLE old_coupons;
