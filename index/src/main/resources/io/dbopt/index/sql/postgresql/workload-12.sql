-- The workload of the current database from pg_stat_statements (PostgreSQL 12: total_time), most total time first;
-- the same selection as workload.sql, catalog reads and dbopt's own statements left out before the share and the limit.
-- Parameters: minimum share of total time, maximum number of statements.
SELECT x.query, x.calls, x.total_ms
FROM (
    SELECT s.query,
           s.calls,
           s.total_time AS total_ms,
           s.total_time / nullif(sum(s.total_time) OVER (), 0) AS share
    FROM pg_stat_statements s
    JOIN pg_catalog.pg_database d ON d.oid = s.dbid
    WHERE d.datname = current_database()
      AND s.calls > 0
      AND s.query ~* '^\s*(select|with|update|delete|insert)\M'
      AND s.query !~* '^\s*insert\M.*\mvalues\s*\(.*\)\s*,\s*\('
      AND s.query !~* ('pg_catalog|information_schema|performance_schema|pg_stat|pg_class|pg_index|hypopg'
          || '|dbopt_whatif|dbopt_trial|\ymysql\s*\.|`mysql`|\yexplain\y')
) x
WHERE coalesce(x.share, 1) >= ?
ORDER BY x.total_ms DESC
LIMIT ?
