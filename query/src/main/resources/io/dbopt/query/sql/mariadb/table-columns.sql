-- The columns of one table of the current database, in declaration order, for the query rewriter (SchemaMetadata).
-- Replaces DatabaseMetaData.getColumns, whose unmarked catalog query the Queries section would report as the
-- application's. Parameter: the table name as stored.
SELECT COLUMN_NAME            AS column_name,
       LOWER(DATA_TYPE)       AS type,
       IS_NULLABLE = 'YES'    AS nullable
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME = ?
ORDER BY ORDINAL_POSITION
