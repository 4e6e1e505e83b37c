-- The columns that lead an index of one table of the current database, for the query rewriter (SchemaMetadata).
-- Replaces DatabaseMetaData.getIndexInfo. Parameter: the table name as stored.
SELECT DISTINCT COLUMN_NAME AS column_name
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME = ?
  AND SEQ_IN_INDEX = 1
  AND COLUMN_NAME IS NOT NULL
