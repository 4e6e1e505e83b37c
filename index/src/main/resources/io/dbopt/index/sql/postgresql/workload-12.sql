-- The workload of the current database from pg_stat_statements (PostgreSQL 12: total_time), most total time first.
-- Parameters: maximum number of statements.
SELECT s.query,
       s.calls,
       s.total_time AS total_ms
FROM pg_stat_statements s
JOIN pg_catalog.pg_database d ON d.oid = s.dbid
WHERE d.datname = current_database()
  AND s.calls > 0
ORDER BY s.total_time DESC
LIMIT ?
