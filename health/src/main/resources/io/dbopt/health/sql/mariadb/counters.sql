-- The server's cumulative counters the deadlock and temp-table checks and the performance monitor turn into rates
-- (global: MariaDB counts per server, not per database). Handler_commit / Handler_rollback count every commit of
-- every statement, autocommit ones included.
SELECT lower(VARIABLE_NAME) AS name, VARIABLE_VALUE + 0 AS value
FROM information_schema.GLOBAL_STATUS
WHERE VARIABLE_NAME IN ('HANDLER_COMMIT', 'HANDLER_ROLLBACK', 'INNODB_BUFFER_POOL_READ_REQUESTS',
                        'INNODB_BUFFER_POOL_READS', 'INNODB_ROWS_READ', 'INNODB_ROWS_INSERTED',
                        'INNODB_ROWS_UPDATED', 'INNODB_ROWS_DELETED', 'INNODB_DEADLOCKS', 'CREATED_TMP_TABLES',
                        'CREATED_TMP_DISK_TABLES', 'SORT_MERGE_PASSES', 'SLOW_QUERIES')
