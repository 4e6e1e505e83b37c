-- expect: disallowed-unique-constraint quiet
-- expect: constraint-missing-not-valid quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_idx;
