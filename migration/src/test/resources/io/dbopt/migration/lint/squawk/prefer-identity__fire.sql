-- expect: prefer-identity fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE a (id serial PRIMARY KEY);
CREATE TABLE b (id bigserial PRIMARY KEY);
CREATE TABLE c (id serial2 PRIMARY KEY);
CREATE TABLE d (id "serial" PRIMARY KEY);
CREATE TABLE e (id serial8 PRIMARY KEY);
