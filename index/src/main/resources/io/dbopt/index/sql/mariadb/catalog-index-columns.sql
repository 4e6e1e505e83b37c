-- The MariaDB index checks' shared snapshot, part 1 (MariaDbIndexCatalog): every index column of the schema, by table,
-- index and position (the server's order and collation, which the checks keep). Read once per run for
-- index.unused, index.rarely-used, index.duplicate, index.redundant, index.fk-without-index and
-- index.no-primary-key, which join it in Java: each of their queries read information_schema.STATISTICS again (up to
-- twice), about 4 to 11 s a read at 10,000 tables.
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       INDEX_NAME AS index_name,
       NON_UNIQUE AS non_unique,
       SEQ_IN_INDEX AS seq_in_index,
       COLUMN_NAME AS column_name,
       SUB_PART AS sub_part,
       COLLATION AS collation,
       INDEX_TYPE AS index_type,
       NULLABLE = 'YES' AS nullable
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
