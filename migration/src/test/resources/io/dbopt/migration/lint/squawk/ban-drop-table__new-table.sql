-- case: a scratch table created and dropped by the same script
-- expect: ban-drop-table fires
-- divergence: ban-drop-table: the table was created by this script, so no data and no client can be lost
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE scratch (id bigint PRIMARY KEY);
INSERT INTO scratch (id) SELECT id FROM orders;
DROP TABLE scratch;
