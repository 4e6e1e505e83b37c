-- expect: syntax-error fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREAT TABLE coupons (id bigint PRIMARY KEY);
