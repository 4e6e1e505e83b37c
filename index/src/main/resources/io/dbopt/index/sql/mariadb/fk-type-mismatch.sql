-- index.fk-type-mismatch (MariaDB): foreign keys whose column type differs from the referenced column's (InnoDB
-- accepts different string lengths and, with foreign_key_checks=0, more): joins and checks convert, and the
-- shorter side truncates first.
-- Parameters: schema.
SELECT k.TABLE_SCHEMA AS schema_name,
       k.TABLE_NAME AS table_name,
       k.CONSTRAINT_NAME AS constraint_name,
       k.COLUMN_NAME AS column_name,
       c.COLUMN_TYPE AS column_type,
       CONCAT(k.REFERENCED_TABLE_SCHEMA, '.', k.REFERENCED_TABLE_NAME) AS referenced_table,
       k.REFERENCED_COLUMN_NAME AS referenced_column,
       r.COLUMN_TYPE AS referenced_type
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME
                                 AND c.COLUMN_NAME = k.COLUMN_NAME
JOIN information_schema.COLUMNS r ON r.TABLE_SCHEMA = k.REFERENCED_TABLE_SCHEMA
                                 AND r.TABLE_NAME = k.REFERENCED_TABLE_NAME AND r.COLUMN_NAME = k.REFERENCED_COLUMN_NAME
WHERE k.TABLE_SCHEMA = ?
  AND k.REFERENCED_TABLE_NAME IS NOT NULL
  AND (c.COLUMN_TYPE <> r.COLUMN_TYPE OR NOT (c.CHARACTER_SET_NAME <=> r.CHARACTER_SET_NAME)
       OR NOT (c.COLLATION_NAME <=> r.COLLATION_NAME))
ORDER BY table_name, constraint_name, column_name
