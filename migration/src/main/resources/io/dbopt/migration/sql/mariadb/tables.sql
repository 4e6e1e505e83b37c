-- Base tables of a database with InnoDB's row estimate.
SELECT TABLE_NAME AS table_name,
       COALESCE(TABLE_ROWS, 0) AS estimated_rows
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_TYPE = 'BASE TABLE'
ORDER BY TABLE_NAME
