-- The MariaDB index checks' shared snapshot, part 4 (MariaDbIndexCatalog), read only when a check needs it: every
-- table of the schema with its type, estimated rows and sizes, by name (the server's order and collation).
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       TABLE_TYPE = 'BASE TABLE' AS base_table,
       COALESCE(TABLE_ROWS, 0) AS table_rows,
       COALESCE(DATA_LENGTH, 0) AS data_length,
       COALESCE(INDEX_LENGTH, 0) AS index_length
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME
