-- health.blocked-sessions before PostgreSQL 14 (no pg_locks.waitstart): the wait is counted from the start of the
-- waiting statement, an upper bound.
SELECT a.pid,
       coalesce(a.usename, '') AS user_name,
       coalesce(a.application_name, '') AS application,
       extract(epoch FROM now() - coalesce(a.query_start, a.state_change))::float8 AS seconds,
       coalesce((pg_catalog.pg_blocking_pids(a.pid))[1], 0) AS blocker_pid
FROM pg_catalog.pg_stat_activity a
WHERE a.datname = current_database()
  AND a.wait_event_type = 'Lock'
  AND a.pid <> pg_backend_pid()
ORDER BY seconds DESC
LIMIT 50
