-- expect: syntax-error quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL DEFAULT 'x' CHECK (code <> ''));
