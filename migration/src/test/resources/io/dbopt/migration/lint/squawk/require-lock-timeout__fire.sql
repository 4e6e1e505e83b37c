-- expect: require-lock-timeout fires
-- expect: require-statement-timeout fires
ALTER TABLE orders ADD COLUMN note text;
SET lock_timeout = '1s';
