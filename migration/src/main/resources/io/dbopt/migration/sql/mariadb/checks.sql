-- Table-level CHECK constraints (column-level ones, such as the json_valid check of a JSON column, belong to the
-- column type). The second and third parameters limit it to one table (NULL: every table).
SELECT TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       CHECK_CLAUSE AS check_expression
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
  AND LEVEL = 'Table'
  AND (? IS NULL OR TABLE_NAME = ?)
ORDER BY TABLE_NAME, CONSTRAINT_NAME
