-- health.sequences: AUTO_INCREMENT columns of this database with the next value and the column type that bounds
-- it (the range is worked out from DATA_TYPE and UNSIGNED).
SELECT t.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       c.DATA_TYPE AS data_type,
       c.COLUMN_TYPE LIKE '%unsigned%' AS is_unsigned,
       t.AUTO_INCREMENT AS next_value
FROM information_schema.TABLES t
JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
WHERE t.TABLE_SCHEMA = DATABASE()
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND t.AUTO_INCREMENT IS NOT NULL
  AND c.EXTRA LIKE '%auto_increment%'
ORDER BY t.TABLE_NAME
