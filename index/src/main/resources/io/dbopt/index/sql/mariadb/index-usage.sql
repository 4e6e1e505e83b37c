-- What performance_schema counts per index of one schema since the server started: rows read through each index
-- (INDEX_NAME NULL: rows read without one, that is by full scans) and rows written, by table and index. Read once
-- per run and shared by the checks that need it (index.unused, index.rarely-used, index.duplicate,
-- index.redundant, index.seq-scan-heavy; see IndexUsage), because the table has no index and the server builds
-- every row of every schema on each read, visiting every open table handle for each: one read took 15 s with
-- 63,500 index rows on the server, and each check read it on its own (seq-scan twice).
-- Rows written: the sum over a table's rows here is what table_io_waits_summary_by_table reports for the table
-- (both add up the same per-index counters of the table's share and of its open handles).
-- Parameters: schema.
SELECT OBJECT_TYPE AS object_type,
       OBJECT_NAME AS table_name,
       INDEX_NAME AS index_name,
       COUNT_READ AS count_read,
       COUNT_WRITE AS count_write
FROM performance_schema.table_io_waits_summary_by_index_usage
WHERE OBJECT_SCHEMA = ?
