-- The MariaDB index checks' shared snapshot, part 4 (MariaDbIndexCatalog), read only when a check needs it: every
-- table of the schema with its type, engine, estimated rows (and whether the server has an estimate), sizes and
-- next AUTO_INCREMENT value, by name (the server's order and collation). One read for index.no-primary-key,
-- index.fk-without-index, index.seq-scan-heavy, index.non-transactional-engine and index.sequence-overflow, which
-- each read information_schema.TABLES on their own (about 1 s each at 10,000 tables).
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       TABLE_TYPE = 'BASE TABLE' AS base_table,
       ENGINE AS engine,
       TABLE_ROWS IS NOT NULL AS rows_known,
       COALESCE(TABLE_ROWS, 0) AS table_rows,
       COALESCE(DATA_LENGTH, 0) AS data_length,
       COALESCE(INDEX_LENGTH, 0) AS index_length,
       AUTO_INCREMENT AS auto_increment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME
