-- expect: prefer-text-field fires
-- divergence: prefer-timestamp-tz: squawk takes pg_catalog.varchar(20) for a timestamp without time zone (its timestamp check copies its varchar check); it is a varchar
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE people (id bigint PRIMARY KEY, name varchar(100), email character varying(255), nick pg_catalog.varchar(20));
ALTER TABLE orders ADD COLUMN note varchar(500);
