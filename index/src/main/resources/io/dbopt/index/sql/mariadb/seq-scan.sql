-- index.seq-scan-heavy (MariaDB): tables read in full many times since the server started. performance_schema
-- counts rows read without an index (INDEX_NAME IS NULL); divided by the table's row estimate that gives the number
-- of full scans. Returns nothing when performance_schema is off. The reads through indexes are summed once for all
-- tables (a grouped derived table): summed per row, performance_schema was scanned once per table.
-- Parameters: schema, minimum number of full scans, minimum table rows.
SELECT p.OBJECT_SCHEMA AS schema_name,
       p.OBJECT_NAME AS table_name,
       p.COUNT_READ DIV GREATEST(t.TABLE_ROWS, 1) AS seq_scans,
       p.COUNT_READ AS rows_read,
       t.TABLE_ROWS AS rows_per_scan,
       COALESCE(i.index_reads, 0) AS index_scans,
       t.TABLE_ROWS AS table_rows,
       t.DATA_LENGTH AS table_bytes
FROM performance_schema.table_io_waits_summary_by_index_usage p
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = p.OBJECT_SCHEMA AND t.TABLE_NAME = p.OBJECT_NAME
LEFT JOIN (SELECT OBJECT_SCHEMA, OBJECT_NAME, SUM(COUNT_READ) AS index_reads
           FROM performance_schema.table_io_waits_summary_by_index_usage
           WHERE INDEX_NAME IS NOT NULL
           GROUP BY OBJECT_SCHEMA, OBJECT_NAME) i ON i.OBJECT_SCHEMA = p.OBJECT_SCHEMA AND i.OBJECT_NAME = p.OBJECT_NAME
WHERE @@performance_schema = 1
  AND p.OBJECT_SCHEMA = ?
  AND p.INDEX_NAME IS NULL
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND p.COUNT_READ DIV GREATEST(t.TABLE_ROWS, 1) >= ?
  AND t.TABLE_ROWS >= ?
ORDER BY rows_read DESC, table_name
