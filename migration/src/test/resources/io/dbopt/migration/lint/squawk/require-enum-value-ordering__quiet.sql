-- expect: require-enum-value-ordering quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';
ALTER TYPE order_status ADD VALUE 'draft' BEFORE 'new';
