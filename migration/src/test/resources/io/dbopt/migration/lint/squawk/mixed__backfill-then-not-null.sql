-- case: add a column, backfill it and make it required, all in one transaction
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE accounts ADD COLUMN plan text;
UPDATE accounts SET plan = 'free' WHERE plan IS NULL;
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
ALTER TABLE accounts ALTER COLUMN plan SET DEFAULT 'free';
