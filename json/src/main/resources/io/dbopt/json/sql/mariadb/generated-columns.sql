-- Generated columns of the current database with their expression, type and collation, whether an index starts
-- with them, and the collation of the column their expression reads (for JSON_VALUE(`col`, ...) expressions).
SELECT c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       c.GENERATION_EXPRESSION AS expression,
       c.DATA_TYPE AS data_type,
       c.COLLATION_NAME AS collation_name,
       EXISTS (SELECT 1 FROM information_schema.STATISTICS s
               WHERE s.TABLE_SCHEMA = c.TABLE_SCHEMA AND s.TABLE_NAME = c.TABLE_NAME
                 AND s.COLUMN_NAME = c.COLUMN_NAME AND s.SEQ_IN_INDEX = 1) AS indexed
FROM information_schema.COLUMNS c
WHERE c.TABLE_SCHEMA = DATABASE()
  AND c.GENERATION_EXPRESSION IS NOT NULL
  AND c.GENERATION_EXPRESSION <> ''
