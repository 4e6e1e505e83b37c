-- expect: ban-char-field fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE codes (id bigint PRIMARY KEY, code char(3), country character(2), legacy bpchar, letters character[]);
ALTER TABLE orders ADD COLUMN grade CHAR(1);
