-- case: actions that succeed again when re-run need no guard
-- transactions: none
-- expect: prefer-robust-stmts fires
-- divergence: prefer-robust-stmts: ENABLE ROW LEVEL SECURITY, SET DEFAULT and VALIDATE CONSTRAINT change nothing and do not fail when run again, so a re-run after a failure goes through
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
