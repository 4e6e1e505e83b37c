-- The statements of the current database with the most total execution time, from pg_stat_statements 1.7
-- (PostgreSQL 12, before the *_exec_time columns).
SELECT s.queryid::text          AS query_id,
       s.query                  AS query,
       s.calls                  AS calls,
       s.total_time             AS total_ms,
       s.mean_time              AS mean_ms,
       s.rows                   AS rows,
       s.shared_blks_hit + s.shared_blks_read AS blocks,
       s.temp_blks_written      AS temp_blocks_written
FROM pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.query NOT LIKE '/* dbopt */%' -- dbopt's own catalog queries (SqlResource.MARKER)
ORDER BY s.total_time DESC
LIMIT ?
