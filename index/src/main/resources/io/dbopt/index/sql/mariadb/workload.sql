-- The workload of one schema from performance_schema statement digests, most total time first: every digest that
-- reads or changes rows (DDL, LOAD DATA, maintenance such as ANALYZE/OPTIMIZE left out, and multi-row INSERT bulk
-- loads, which digests show as "VALUES (...) /* , ... */", or with every row spelled out when a row holds more
-- than placeholders: "VALUES ( ?, ... , NOW ( ) ) , ( ?, ... , NOW ( ) )") whose share of the total time of those
-- digests is at least the given share. Statements on the catalogs and dbopt's own (information_schema,
-- performance_schema, mysql.*, EXPLAIN, what-if and trial tables) are left out before the share and the limit, as
-- StatementStatistics leaves them out of the workload: in the application's schema they are mostly dbopt's catalog
-- reads, which took the limit's places and most of the total time, so an application statement's share came out
-- far below its share of the application's time. Digests show literals as "?" and long IN lists as "(...)".
-- SUM_TIMER_WAIT is in picoseconds; REGEXP is case-insensitive here (DIGEST_TEXT's collation is utf8mb3_general_ci).
-- Parameters: schema, minimum share of total time, maximum number of statements.
SELECT x.query, x.calls, x.total_ms
FROM (
    SELECT DIGEST_TEXT AS query,
           COUNT_STAR AS calls,
           SUM_TIMER_WAIT / 1000000000 AS total_ms,
           SUM_TIMER_WAIT / NULLIF(SUM(SUM_TIMER_WAIT) OVER (), 0) AS share
    FROM performance_schema.events_statements_summary_by_digest
    WHERE SCHEMA_NAME = ?
      AND DIGEST_TEXT IS NOT NULL
      AND COUNT_STAR > 0
      AND DIGEST_TEXT REGEXP '^[[:space:]]*(SELECT|WITH|UPDATE|DELETE|INSERT)[[:space:](]'
      AND DIGEST_TEXT NOT LIKE 'INSERT%VALUES (...) /* , ... */%'
      AND DIGEST_TEXT NOT REGEXP
          '^[[:space:]]*INSERT[[:space:]].*[[:space:]]VALUES[[:space:]]*[(].*[)][[:space:]]*,[[:space:]]*[(]'
      AND DIGEST_TEXT NOT REGEXP CONCAT(
          'pg_catalog|information_schema|performance_schema|pg_stat|pg_class|pg_index|hypopg|dbopt_whatif',
          '|dbopt_trial|`mysql`|(^|[^[:alnum:]_])mysql[[:space:]]*[.]|(^|[^[:alnum:]_])explain($|[^[:alnum:]_])')
) x
WHERE COALESCE(x.share, 1) >= ?
ORDER BY x.total_ms DESC
LIMIT ?
