-- index.seq-scan-heavy (MariaDB), the catalog half: the schema's base tables of at least a given row estimate, in
-- name order. The check joins performance_schema's rows read without an index (INDEX_NAME IS NULL) and through
-- indexes (IndexUsage, read once per run for every check that needs it); divided by the table's row estimate that
-- gives the number of full scans, and the check keeps tables scanned in full at least a given number of times,
-- ordered by rows read. Returns nothing when performance_schema is off. information_schema.TABLES is read into a
-- grouped derived table of this schema.
-- Parameters: schema, minimum table rows.
WITH tabs AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = ?
      AND TABLE_TYPE = 'BASE TABLE'
    GROUP BY TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
)
SELECT t.TABLE_SCHEMA AS schema_name,
       t.TABLE_NAME AS table_name,
       t.TABLE_ROWS AS table_rows,
       t.DATA_LENGTH AS table_bytes
FROM tabs t
WHERE @@performance_schema = 1
  AND t.TABLE_ROWS >= ?
ORDER BY table_name
