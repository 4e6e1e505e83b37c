-- expect: adding-field-with-default fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE orders ADD COLUMN ext_id bigint DEFAULT gen_my_id();
ALTER TABLE orders ADD COLUMN r double precision DEFAULT random();
