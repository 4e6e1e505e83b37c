-- health.blocked-sessions: sessions of this database waiting for a lock, with how long they have waited
-- (pg_locks.waitstart, PostgreSQL 14 and later) and the first session blocking them.
SELECT a.pid,
       coalesce(a.usename, '') AS user_name,
       coalesce(a.application_name, '') AS application,
       extract(epoch FROM now() - coalesce(w.waitstart, a.query_start, a.state_change))::float8 AS seconds,
       coalesce((pg_catalog.pg_blocking_pids(a.pid))[1], 0) AS blocker_pid
FROM pg_catalog.pg_stat_activity a
LEFT JOIN LATERAL (SELECT min(l.waitstart) AS waitstart
                   FROM pg_catalog.pg_locks l
                   WHERE l.pid = a.pid AND NOT l.granted) w ON true
WHERE a.datname = current_database()
  AND a.wait_event_type = 'Lock'
  AND a.pid <> pg_backend_pid()
ORDER BY seconds DESC
LIMIT 50
