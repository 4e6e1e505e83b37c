-- case: maintenance commands in a migration run without a transaction
-- transactions: none
SET lock_timeout = '1s';
SET statement_timeout = '5s';
VACUUM (ANALYZE) orders;
ANALYZE customers;
REINDEX TABLE CONCURRENTLY orders;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
