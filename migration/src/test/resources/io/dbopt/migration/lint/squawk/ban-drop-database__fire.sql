-- expect: ban-drop-database fires
-- transactions: none
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP DATABASE IF EXISTS shop;
