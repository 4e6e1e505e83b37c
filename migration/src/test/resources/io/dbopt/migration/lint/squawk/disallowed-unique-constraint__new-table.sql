-- expect: disallowed-unique-constraint quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE coupons ADD CONSTRAINT coupons_code_key UNIQUE (code);
