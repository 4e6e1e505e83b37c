-- expect: ban-drop-column quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT orders_legacy_check;
