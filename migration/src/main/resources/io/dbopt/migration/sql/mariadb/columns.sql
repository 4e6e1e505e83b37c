-- Columns in ordinal order; COLUMN_DEFAULT is an SQL literal or expression since MariaDB 10.2.7. Views' columns come
-- too: the reader keeps those of the base tables tables.sql found (a join with TABLES would scan every database).
-- The second and third parameters limit it to one table (NULL: every table), which MariaDB then looks up by name.
SELECT c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       c.COLUMN_TYPE AS data_type,
       c.IS_NULLABLE = 'YES' AS nullable,
       c.COLUMN_DEFAULT AS default_expression,
       c.EXTRA AS extra,
       c.ORDINAL_POSITION AS position
FROM information_schema.COLUMNS c
WHERE c.TABLE_SCHEMA = ?
  AND (? IS NULL OR c.TABLE_NAME = ?)
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
