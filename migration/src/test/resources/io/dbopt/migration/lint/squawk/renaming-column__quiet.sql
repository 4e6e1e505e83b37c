-- expect: renaming-column quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders RENAME CONSTRAINT orders_amount_check TO orders_total_check;
