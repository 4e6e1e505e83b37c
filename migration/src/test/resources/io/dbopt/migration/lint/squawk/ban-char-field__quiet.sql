-- expect: ban-char-field quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE codes (id bigint PRIMARY KEY, code varchar(3), country character varying(2), name text);
