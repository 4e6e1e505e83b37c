-- JSON and text columns of the tables of the current database, JSON ones (LONGTEXT with a json_valid check) marked
-- as json, with the table's estimated rows and the column's collation.
SELECT c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       CASE WHEN c.DATA_TYPE = 'json' OR EXISTS (
                SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k
                WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
                  AND k.CHECK_CLAUSE LIKE CONCAT('%json_valid(`', REPLACE(c.COLUMN_NAME, '_', '\\_'), '`)%'))
            THEN 'json' ELSE c.DATA_TYPE END AS data_type,
       COALESCE(c.COLLATION_NAME, '') AS collation_name,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = DATABASE()
  AND c.DATA_TYPE IN ('longtext', 'mediumtext', 'text', 'varchar', 'json')
  AND (c.GENERATION_EXPRESSION IS NULL OR c.GENERATION_EXPRESSION = '')
