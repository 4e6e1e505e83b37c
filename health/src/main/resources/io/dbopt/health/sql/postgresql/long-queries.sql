-- health.long-queries: statements of this database running longer than the threshold, oldest first. Never the
-- statement text (it may hold values).
-- Parameters: threshold in seconds.
SELECT pid,
       coalesce(usename, '') AS user_name,
       coalesce(application_name, '') AS application,
       extract(epoch FROM now() - query_start)::float8 AS seconds
FROM pg_catalog.pg_stat_activity
WHERE datname = current_database()
  AND state = 'active'
  AND backend_type = 'client backend'
  AND pid <> pg_backend_pid()
  AND query_start < now() - make_interval(secs => ?)
ORDER BY query_start
LIMIT 50
