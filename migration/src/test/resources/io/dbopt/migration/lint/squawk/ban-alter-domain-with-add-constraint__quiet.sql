-- expect: ban-alter-domain-with-add-constraint quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER DOMAIN positive_int DROP CONSTRAINT positive_int_check;
ALTER DOMAIN positive_int RENAME TO positive_integer;
