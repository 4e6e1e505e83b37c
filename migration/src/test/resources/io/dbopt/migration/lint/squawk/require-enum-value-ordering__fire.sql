-- expect: require-enum-value-ordering fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TYPE order_status ADD VALUE 'refunded';
