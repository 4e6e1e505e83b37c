-- case: a type change with USING, and a rename afterwards
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE payments ALTER COLUMN amount TYPE numeric(12, 2) USING amount::numeric(12, 2), ALTER COLUMN amount SET NOT NULL;
ALTER TABLE payments RENAME COLUMN amount TO amount_eur;
ALTER TABLE payments RENAME TO payments_eur;
