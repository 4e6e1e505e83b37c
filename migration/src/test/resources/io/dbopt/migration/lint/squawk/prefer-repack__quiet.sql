-- pg: 19
-- transactions: none
-- expect: prefer-repack quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
VACUUM (ANALYZE) orders;
