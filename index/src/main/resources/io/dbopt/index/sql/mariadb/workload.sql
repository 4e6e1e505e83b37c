-- The workload of one schema from performance_schema statement digests, most total time first. Digests show
-- literals as "?" and long IN lists as "(...)". SUM_TIMER_WAIT is in picoseconds.
-- Parameters: schema, maximum number of statements.
SELECT DIGEST_TEXT AS query,
       COUNT_STAR AS calls,
       SUM_TIMER_WAIT / 1000000000 AS total_ms
FROM performance_schema.events_statements_summary_by_digest
WHERE SCHEMA_NAME = ?
  AND DIGEST_TEXT IS NOT NULL
  AND COUNT_STAR > 0
ORDER BY SUM_TIMER_WAIT DESC
LIMIT ?
