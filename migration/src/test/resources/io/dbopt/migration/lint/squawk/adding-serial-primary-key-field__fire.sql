-- expect: adding-serial-primary-key-field fires
-- expect: constraint-missing-not-valid fires
-- divergence: constraint-missing-not-valid: PostgreSQL has no NOT VALID for PRIMARY KEY (or UNIQUE); dbopt reports unique-constraint, whose fix is the index built concurrently and attached USING INDEX
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
