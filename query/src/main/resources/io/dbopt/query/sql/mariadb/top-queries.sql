-- The statement digests of the current database with the most total time, from performance_schema. Timers are
-- in picoseconds; digest texts carry ? for constants. Digests drop comments, so dbopt's marker cannot tell its own
-- catalog queries apart as on PostgreSQL: statements that read information_schema or performance_schema (dbopt's,
-- a driver's metadata calls, an ORM's schema validation) are left out, none is the application's data to fix.
SELECT d.DIGEST                                          AS query_id,
       d.DIGEST_TEXT                                     AS query,
       d.COUNT_STAR                                      AS calls,
       d.SUM_TIMER_WAIT / 1000000000.0                   AS total_ms,
       d.AVG_TIMER_WAIT / 1000000000.0                   AS mean_ms,
       d.SUM_ROWS_SENT + d.SUM_ROWS_AFFECTED             AS `rows`,
       d.SUM_ROWS_EXAMINED                               AS rows_examined,
       d.SUM_NO_INDEX_USED + d.SUM_NO_GOOD_INDEX_USED    AS no_index_used,
       d.SUM_CREATED_TMP_DISK_TABLES                     AS temp_disk_tables
FROM performance_schema.events_statements_summary_by_digest d
WHERE d.SCHEMA_NAME = DATABASE()
  AND d.DIGEST_TEXT IS NOT NULL
  AND d.DIGEST_TEXT NOT LIKE '%`information\_schema` .%'
  AND d.DIGEST_TEXT NOT LIKE '%`performance\_schema` .%'
ORDER BY d.SUM_TIMER_WAIT DESC
LIMIT ?
