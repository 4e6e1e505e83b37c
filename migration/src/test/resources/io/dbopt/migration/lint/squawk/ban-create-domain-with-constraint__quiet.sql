-- expect: ban-create-domain-with-constraint quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE DOMAIN email AS text;
