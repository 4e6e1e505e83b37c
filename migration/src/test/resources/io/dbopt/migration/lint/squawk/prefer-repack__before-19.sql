-- case: CLUSTER locks the table on every version; before 19 the online alternative is pg_repack
-- transactions: none
-- expect: prefer-repack quiet
-- divergence: prefer-repack: CLUSTER takes an ACCESS EXCLUSIVE lock on every PostgreSQL version; squawk only warns from 19, where REPACK exists, while dbopt points at pg_repack before that
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CLUSTER orders USING orders_pkey;
