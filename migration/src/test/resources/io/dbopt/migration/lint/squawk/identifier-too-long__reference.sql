-- expect: identifier-too-long fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_id_fkey_that_somebody_named_far_too_long_to_keep;
