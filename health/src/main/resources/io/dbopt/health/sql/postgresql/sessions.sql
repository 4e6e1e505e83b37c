-- Sessions of this database by what they are doing, for the performance monitor: active, waiting for a lock or
-- other event while active, idle in a transaction. The checker's own session is left out.
SELECT count(*) FILTER (WHERE state = 'active') AS active,
       count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') AS waiting,
       count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS idle_in_transaction,
       count(*) FILTER (WHERE state = 'active' AND query_start < now() - make_interval(secs => ?)) AS slow
FROM pg_catalog.pg_stat_activity
WHERE datname = current_database()
  AND backend_type = 'client backend'
  AND pid <> pg_backend_pid()
