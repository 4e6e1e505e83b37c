-- expect: ban-truncate-cascade fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
TRUNCATE TABLE customers CASCADE;
