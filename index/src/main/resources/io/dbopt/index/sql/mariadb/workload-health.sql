-- Whether statement digests can be trusted: performance_schema on, and how many digests were lost because
-- events_statements_summary_by_digest was full (performance_schema_digests_size).
SELECT @@performance_schema AS enabled,
       (SELECT COALESCE(MAX(VARIABLE_VALUE), 0) FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME = 'PERFORMANCE_SCHEMA_DIGEST_LOST') AS digests_lost
