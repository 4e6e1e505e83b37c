-- Text, JSON and binary columns of the current database's tables of at least the given size (and of the given
-- table when one is named), largest first, with
-- the column type (COMPRESSED columns say so in it) and the table's create options (page compression).
SELECT c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       c.COLUMN_TYPE AS data_type,
       t.DATA_LENGTH + t.INDEX_LENGTH AS table_bytes,
       0 AS toast_bytes,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows,
       CONCAT(COALESCE(t.CREATE_OPTIONS, ''), ' ', COALESCE(t.ROW_FORMAT, '')) AS options
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE()
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND c.DATA_TYPE IN ('text', 'mediumtext', 'longtext', 'varchar', 'blob', 'mediumblob', 'longblob', 'json')
  AND (c.GENERATION_EXPRESSION IS NULL OR c.GENERATION_EXPRESSION = '')
  AND t.DATA_LENGTH + t.INDEX_LENGTH >= ?
  AND (? = '' OR c.TABLE_NAME = ?)
ORDER BY t.DATA_LENGTH + t.INDEX_LENGTH DESC, c.ORDINAL_POSITION
LIMIT 40
