-- case: a script that only creates a table has nothing to wait for
-- expect: require-lock-timeout quiet
-- expect: require-statement-timeout quiet
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
