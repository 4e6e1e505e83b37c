-- Base tables of a database with InnoDB's row estimate.
-- The second and third parameters limit it to one table (NULL: every table).
SELECT TABLE_NAME AS table_name,
       COALESCE(TABLE_ROWS, 0) AS estimated_rows
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
  AND TABLE_TYPE = 'BASE TABLE'
  AND (? IS NULL OR TABLE_NAME = ?)
ORDER BY TABLE_NAME
