-- Foreign key columns in key order with their referenced table and column; the delete rules come from
-- delete-rules.sql (a join with REFERENTIAL_CONSTRAINTS would open every table of every database).
-- The second and third parameters limit it to one table (NULL: every table), which MariaDB then looks up by name.
SELECT k.TABLE_NAME AS table_name,
       k.CONSTRAINT_NAME AS constraint_name,
       k.COLUMN_NAME AS column_name,
       k.REFERENCED_TABLE_NAME AS referenced_table,
       k.REFERENCED_COLUMN_NAME AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE k
WHERE k.TABLE_SCHEMA = ?
  AND k.REFERENCED_TABLE_NAME IS NOT NULL
  AND (? IS NULL OR k.TABLE_NAME = ?)
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
