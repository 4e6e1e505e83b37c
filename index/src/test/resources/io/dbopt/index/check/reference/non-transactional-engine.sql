-- index.non-transactional-engine (MariaDB): base tables on MyISAM or Aria: no transactions, no foreign keys, table
-- locks on every write, and repair after a crash instead of recovery.
-- Parameters: schema.
SELECT t.TABLE_SCHEMA AS schema_name,
       t.TABLE_NAME AS table_name,
       t.ENGINE AS engine,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows,
       COALESCE(t.DATA_LENGTH, 0) + COALESCE(t.INDEX_LENGTH, 0) AS table_bytes
FROM information_schema.TABLES t
WHERE t.TABLE_SCHEMA = ?
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND t.ENGINE IN ('MyISAM', 'Aria')
ORDER BY table_name
