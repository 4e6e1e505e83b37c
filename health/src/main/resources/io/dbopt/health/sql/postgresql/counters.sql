-- The cumulative counters of this database (pg_stat_database) the deadlock, temp-file checks and the performance
-- monitor turn into rates.
SELECT xact_commit, xact_rollback, blks_read, blks_hit, tup_returned, tup_fetched, tup_inserted, tup_updated,
       tup_deleted, deadlocks, temp_files, temp_bytes
FROM pg_catalog.pg_stat_database
WHERE datname = current_database()
