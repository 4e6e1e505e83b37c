-- health.idle-in-transaction: sessions of this database idle inside an open transaction longer than the threshold.
-- Parameters: threshold in seconds.
SELECT pid,
       coalesce(usename, '') AS user_name,
       coalesce(application_name, '') AS application,
       extract(epoch FROM now() - state_change)::float8 AS seconds
FROM pg_catalog.pg_stat_activity
WHERE datname = current_database()
  AND state IN ('idle in transaction', 'idle in transaction (aborted)')
  AND pid <> pg_backend_pid()
  AND state_change < now() - make_interval(secs => ?)
ORDER BY state_change
LIMIT 50
