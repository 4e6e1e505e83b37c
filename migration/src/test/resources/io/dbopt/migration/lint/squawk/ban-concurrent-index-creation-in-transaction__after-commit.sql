-- transactions: none
-- expect: ban-concurrent-index-creation-in-transaction quiet
BEGIN;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_note_idx ON orders (note);
