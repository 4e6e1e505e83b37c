-- index.seq-scan-heavy (MariaDB): tables read in full many times since the server started. performance_schema
-- counts rows read without an index (INDEX_NAME IS NULL); divided by the table's row estimate that gives the number
-- of full scans. Returns nothing when performance_schema is off. information_schema.TABLES and performance_schema
-- are each read into a grouped derived table of this schema and joined by key (joined row by row, performance_schema
-- was read again for every block of tables); the schema parameter is read once in params.
-- Parameters: schema, minimum number of full scans, minimum table rows.
WITH params AS (
    SELECT ? AS schema_name
),
tabs AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND TABLE_TYPE = 'BASE TABLE'
    GROUP BY TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
),
full_reads AS (
    SELECT OBJECT_TYPE, OBJECT_SCHEMA, OBJECT_NAME, COUNT_READ
    FROM performance_schema.table_io_waits_summary_by_index_usage
    WHERE OBJECT_SCHEMA = (SELECT schema_name FROM params)
      AND INDEX_NAME IS NULL
    GROUP BY OBJECT_TYPE, OBJECT_SCHEMA, OBJECT_NAME, COUNT_READ
),
index_reads AS (
    SELECT OBJECT_SCHEMA, OBJECT_NAME, SUM(COUNT_READ) AS index_reads
    FROM performance_schema.table_io_waits_summary_by_index_usage
    WHERE OBJECT_SCHEMA = (SELECT schema_name FROM params)
      AND INDEX_NAME IS NOT NULL
    GROUP BY OBJECT_SCHEMA, OBJECT_NAME
)
SELECT p.OBJECT_SCHEMA AS schema_name,
       p.OBJECT_NAME AS table_name,
       p.COUNT_READ DIV GREATEST(t.TABLE_ROWS, 1) AS seq_scans,
       p.COUNT_READ AS rows_read,
       t.TABLE_ROWS AS rows_per_scan,
       COALESCE(i.index_reads, 0) AS index_scans,
       t.TABLE_ROWS AS table_rows,
       t.DATA_LENGTH AS table_bytes
FROM full_reads p
JOIN tabs t ON t.TABLE_SCHEMA = p.OBJECT_SCHEMA AND t.TABLE_NAME = p.OBJECT_NAME
LEFT JOIN index_reads i ON i.OBJECT_SCHEMA = p.OBJECT_SCHEMA AND i.OBJECT_NAME = p.OBJECT_NAME
WHERE @@performance_schema = 1
  AND p.COUNT_READ DIV GREATEST(t.TABLE_ROWS, 1) >= ?
  AND t.TABLE_ROWS >= ?
ORDER BY rows_read DESC, table_name
