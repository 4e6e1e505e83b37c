-- expect: ban-create-domain-with-constraint fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
