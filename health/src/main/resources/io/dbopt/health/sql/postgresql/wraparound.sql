-- health.wraparound and health.freeze-age: the age of the oldest unfrozen transaction ID of every database that
-- accepts connections (check_postgres txn_wraparound and autovac_freeze look at the same numbers), with
-- autovacuum_freeze_max_age, the age at which autovacuum forces a freeze.
SELECT datname AS database_name,
       age(datfrozenxid)::bigint AS xid_age,
       current_setting('autovacuum_freeze_max_age')::bigint AS freeze_max_age
FROM pg_catalog.pg_database
WHERE datallowconn
ORDER BY xid_age DESC, datname
