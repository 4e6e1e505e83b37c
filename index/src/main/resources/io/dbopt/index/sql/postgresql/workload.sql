-- The workload of the current database from pg_stat_statements (PostgreSQL 13+), most total time first: every
-- statement that reads or changes rows (DDL, COPY, VACUUM, ANALYZE and other maintenance left out, and multi-row
-- INSERT ... VALUES bulk loads too, rows holding calls such as now() included) whose share of the total time of
-- those statements is at least the given share. Statements on the catalogs and dbopt's own (pg_catalog,
-- information_schema, pg_stat_* views, HypoPG, EXPLAIN, what-if and trial tables: the same words StatementStatistics
-- leaves out, \y being PostgreSQL's word boundary) are left out before the share and the limit: in the application's
-- database they are mostly catalog reads sent as plain statements (pgjdbc's metadata calls, Flyway, an ORM's
-- validation, dbopt's own reads), which took the limit's places and most of the total time, so an application
-- statement's share came out far below its share of the application's time, or it fell out of the limit.
-- The relation is qualified by the extension's schema in Java when it is not on the search path.
-- Parameters: minimum share of total time, maximum number of statements.
SELECT x.query, x.calls, x.total_ms
FROM (
    SELECT s.query,
           s.calls,
           s.total_exec_time AS total_ms,
           s.total_exec_time / nullif(sum(s.total_exec_time) OVER (), 0) AS share
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
