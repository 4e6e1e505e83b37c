-- Estimated rows of every table of the current database (-1 when the engine keeps no estimate). The history
-- sampling bounds how many rows one query reads with it.
SELECT TABLE_NAME AS table_name,
       COALESCE(TABLE_ROWS, -1) AS table_rows
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_TYPE = 'BASE TABLE'
