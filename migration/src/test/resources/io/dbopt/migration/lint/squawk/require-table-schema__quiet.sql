-- expect: require-table-schema quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE public.coupons (id bigint PRIMARY KEY);
ALTER TABLE public.orders ADD COLUMN note text;
CREATE TEMP TABLE scratch (id bigint);
