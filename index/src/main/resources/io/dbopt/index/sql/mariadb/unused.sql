-- index.unused and index.rarely-used (MariaDB), the server half: whether performance_schema counts (when it is off
-- every counter reads zero, and the checks report nothing) and since when (the server's start). The candidate
-- indexes (secondary, non-unique, not leading with a foreign key's columns, with their size in pages allocated from
-- mysql.innodb_index_stats) come from the run's shared catalog snapshot (MariaDbIndexCatalog, joined in Java; this
-- query read information_schema.STATISTICS and KEY_COLUMN_USAGE twice each, 17 s at 10,000 tables), read once per
-- run for both checks (CheckSupport.dropCandidates); index.unused keeps those no row was read through since the
-- server started, index.rarely-used those of at least its size floor fewer rows than a threshold (but at least one)
-- were read through (performance_schema.table_io_waits_summary_by_index_usage, read once per run for every check
-- that needs it: IndexUsage).
SELECT @@performance_schema = 1 AS counted,
       DATE_FORMAT(NOW() - INTERVAL (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
                                     WHERE VARIABLE_NAME = 'UPTIME') SECOND, '%Y-%m-%dT%H:%i:%s') AS stats_since
