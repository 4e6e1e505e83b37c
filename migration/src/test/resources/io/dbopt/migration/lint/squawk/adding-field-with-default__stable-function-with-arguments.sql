-- expect: adding-field-with-default fires
-- divergence: adding-field-with-default: concat and lower are IMMUTABLE/STABLE, so PostgreSQL 11+ evaluates the default once, without a rewrite; squawk counts any function with arguments as volatile
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN label text DEFAULT lower(concat('A', 'B'));
