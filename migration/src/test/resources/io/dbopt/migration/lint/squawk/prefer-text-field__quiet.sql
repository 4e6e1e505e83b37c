-- expect: prefer-text-field quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE people (id bigint PRIMARY KEY, name text, email varchar, bio character varying);
