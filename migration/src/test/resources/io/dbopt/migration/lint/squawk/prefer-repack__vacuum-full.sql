-- pg: 19
-- transactions: none
-- expect: prefer-repack fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
VACUUM FULL orders;
