-- health.cache-hit-ratio: shared-buffer hits against blocks read from outside, for this database, since its
-- statistics were last reset.
SELECT blks_hit, blks_read
FROM pg_catalog.pg_stat_database
WHERE datname = current_database()
