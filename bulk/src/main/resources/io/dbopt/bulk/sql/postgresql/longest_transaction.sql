-- Seconds the oldest open transaction of another client session has been running.
SELECT COALESCE(max(extract(epoch FROM now() - xact_start)), 0)::float8
FROM pg_stat_activity
WHERE xact_start IS NOT NULL
  AND pid <> pg_backend_pid()
  AND backend_type = 'client backend'
