-- Sessions of the current database that have a transaction open, wait for a lock, or block a session that waits,
-- other than this one. blocked_by lists the pids whose locks the session waits for (pg_blocking_pids).
WITH s AS (
    SELECT a.pid, a.usename, a.application_name, a.state, a.xact_start, a.state_change, a.query,
           pg_blocking_pids(a.pid) AS blocked_by
    FROM pg_stat_activity a
    WHERE a.datname = current_database()
      AND a.backend_type = 'client backend'
      AND a.pid <> pg_backend_pid()
), blockers AS (
    SELECT DISTINCT unnest(blocked_by) AS pid FROM s
)
SELECT s.pid::text AS session_id,
       coalesce(s.usename, '') AS user_name,
       coalesce(nullif(s.application_name, ''), '(none)') AS application,
       CASE WHEN cardinality(s.blocked_by) > 0 THEN 'waiting for lock' ELSE coalesce(s.state, 'unknown') END AS state,
       coalesce(extract(epoch FROM clock_timestamp() - s.xact_start), 0)::float8 AS transaction_seconds,
       coalesce(extract(epoch FROM clock_timestamp() - s.state_change), 0)::float8 AS state_seconds,
       array_to_string(s.blocked_by, ',') AS blocked_by,
       coalesce((SELECT l.mode || ' on ' || CASE WHEN l.relation IS NOT NULL THEN l.relation::regclass::text
                                                  WHEN l.locktype = 'transactionid' THEN 'transaction ' || l.transactionid::text
                                                  ELSE l.locktype END
                 FROM pg_locks l WHERE l.pid = s.pid AND NOT l.granted LIMIT 1), '') AS waiting_for,
       coalesce(s.query, '') AS query
FROM s
WHERE s.xact_start IS NOT NULL
   OR cardinality(s.blocked_by) > 0
   OR s.pid IN (SELECT pid FROM blockers)
ORDER BY s.xact_start NULLS LAST, s.pid
