-- Tables with a one-column foreign key, a time column and a text or JSON column: possible change histories.
SELECT k.TABLE_NAME AS table_name,
       k.COLUMN_NAME AS document_column,
       k.REFERENCED_TABLE_NAME AS parent_table,
       tc.COLUMN_NAME AS time_column,
       xc.COLUMN_NAME AS content_column
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.COLUMNS tc ON tc.TABLE_SCHEMA = k.TABLE_SCHEMA AND tc.TABLE_NAME = k.TABLE_NAME
 AND tc.DATA_TYPE IN ('datetime', 'timestamp')
JOIN information_schema.COLUMNS xc ON xc.TABLE_SCHEMA = k.TABLE_SCHEMA AND xc.TABLE_NAME = k.TABLE_NAME
 AND xc.DATA_TYPE IN ('text', 'mediumtext', 'longtext', 'varchar', 'json')
WHERE k.TABLE_SCHEMA = DATABASE()
  AND k.REFERENCED_TABLE_NAME IS NOT NULL
  AND (SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE k2
       WHERE k2.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND k2.TABLE_NAME = k.TABLE_NAME
         AND k2.CONSTRAINT_NAME = k.CONSTRAINT_NAME) = 1
