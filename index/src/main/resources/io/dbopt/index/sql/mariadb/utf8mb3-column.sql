-- index.utf8mb3-column (MariaDB): text columns in utf8mb3 (the old "utf8"), which cannot store characters outside
-- the Basic Multilingual Plane (emoji, many CJK characters): inserting one fails or is cut, depending on sql_mode.
-- One row per table, with its columns.
-- Parameters: schema.
SELECT c.TABLE_SCHEMA AS schema_name,
       c.TABLE_NAME AS table_name,
       JSON_ARRAYAGG(c.COLUMN_NAME) AS columns
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
                                AND t.TABLE_TYPE = 'BASE TABLE'
WHERE c.TABLE_SCHEMA = ?
  AND c.CHARACTER_SET_NAME IN ('utf8mb3', 'utf8')
GROUP BY c.TABLE_SCHEMA, c.TABLE_NAME
ORDER BY table_name
