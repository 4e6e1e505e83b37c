-- expect: ban-drop-database quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP SCHEMA IF EXISTS staging CASCADE;
