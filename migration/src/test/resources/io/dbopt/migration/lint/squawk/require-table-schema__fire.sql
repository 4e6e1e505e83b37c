-- expect: require-table-schema fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE coupons (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN note text;
DROP TABLE old_coupons;
