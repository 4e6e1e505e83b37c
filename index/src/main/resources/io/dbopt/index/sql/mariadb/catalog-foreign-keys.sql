-- The MariaDB index checks' shared snapshot, part 2 (MariaDbIndexCatalog): every foreign key column of the schema, by
-- table, constraint and column name (the server's order and collation). Read once per run for index.unused,
-- index.rarely-used, index.fk-without-index and index.fk-type-mismatch, which join it in Java (their queries read
-- information_schema.KEY_COLUMN_USAGE up to twice each).
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       ORDINAL_POSITION AS ordinal_position,
       COLUMN_NAME AS column_name,
       REFERENCED_TABLE_SCHEMA AS referenced_schema,
       REFERENCED_TABLE_NAME AS referenced_table,
       REFERENCED_COLUMN_NAME AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = ?
  AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME
