-- The MariaDB index checks' shared snapshot, part 5 (MariaDbIndexCatalog), read once per schema a check asks about:
-- the analysed schema for index.boolean, index.utf8mb3-column and index.sequence-overflow (each read
-- information_schema.COLUMNS on its own), and the schemas its foreign keys touch for index.fk-type-mismatch (its
-- query read information_schema.COLUMNS of every database on the server): every column's position, type,
-- character set, collation and whether it is the AUTO_INCREMENT column.
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       COLUMN_NAME AS column_name,
       ORDINAL_POSITION AS ordinal_position,
       COLUMN_TYPE AS column_type,
       DATA_TYPE AS data_type,
       COALESCE(CHARACTER_SET_NAME, '') AS charset,
       COALESCE(COLLATION_NAME, '') AS collation,
       EXTRA LIKE '%auto_increment%' AS auto_increment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ?
