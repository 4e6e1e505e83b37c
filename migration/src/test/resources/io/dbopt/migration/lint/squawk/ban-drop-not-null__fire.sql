-- expect: ban-drop-not-null fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;
