-- expect: ban-alter-domain-with-add-constraint fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0) NOT VALID;
