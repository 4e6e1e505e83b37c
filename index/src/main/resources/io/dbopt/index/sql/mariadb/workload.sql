-- The workload of one schema from performance_schema statement digests, most total time first: every digest that
-- reads or changes rows (DDL, LOAD DATA, maintenance such as ANALYZE/OPTIMIZE left out, and multi-row INSERT bulk
-- loads, which digests show as "VALUES (...) /* , ... */", or with every row spelled out when a row holds more
-- than placeholders: "VALUES ( ?, ... , NOW ( ) ) , ( ?, ... , NOW ( ) )") whose share of the total time of those
-- digests is at least the given share. Digests show literals as "?" and long IN lists as "(...)". SUM_TIMER_WAIT
-- is in picoseconds.
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
) x
WHERE COALESCE(x.share, 1) >= ?
ORDER BY x.total_ms DESC
LIMIT ?
