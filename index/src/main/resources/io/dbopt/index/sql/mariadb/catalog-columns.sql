-- The MariaDB index checks' shared snapshot, part 5 (MariaDbIndexCatalog), read for index.fk-type-mismatch once per
-- schema its foreign keys touch (its query read information_schema.COLUMNS of every database on the server): every
-- column's type, character set and collation.
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       COLUMN_NAME AS column_name,
       COLUMN_TYPE AS column_type,
       COALESCE(CHARACTER_SET_NAME, '') AS charset,
       COALESCE(COLLATION_NAME, '') AS collation
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ?
