-- expect: require-lock-timeout quiet
-- expect: require-statement-timeout quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text;
