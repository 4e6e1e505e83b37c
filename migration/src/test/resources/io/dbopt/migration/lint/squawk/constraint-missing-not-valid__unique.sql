-- expect: constraint-missing-not-valid fires
-- expect: disallowed-unique-constraint fires
-- divergence: constraint-missing-not-valid: PostgreSQL rejects NOT VALID on UNIQUE; the lock comes from the index build, which dbopt reports as unique-constraint
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);
