-- expect: ban-drop-not-null quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;
