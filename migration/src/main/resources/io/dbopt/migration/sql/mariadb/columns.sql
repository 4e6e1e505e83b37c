-- Columns in ordinal order; COLUMN_DEFAULT is an SQL literal or expression since MariaDB 10.2.7.
-- The second and third parameters limit it to some tables (NULL: every table).
SELECT c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       c.COLUMN_TYPE AS data_type,
       c.IS_NULLABLE = 'YES' AS nullable,
       c.COLUMN_DEFAULT AS default_expression,
       c.EXTRA AS extra,
       c.ORDINAL_POSITION AS position
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = ?
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND (? IS NULL OR FIND_IN_SET(c.TABLE_NAME, ?) > 0)
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
