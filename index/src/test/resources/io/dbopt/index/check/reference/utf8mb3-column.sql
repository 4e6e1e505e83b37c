-- index.utf8mb3-column (MariaDB): text columns in utf8mb3 (the old "utf8"), which cannot store characters outside
-- the Basic Multilingual Plane (emoji, many CJK characters): inserting one fails or is cut, depending on sql_mode.
-- One row per table, with its columns.
-- The second information_schema table is read into a grouped derived table filtered on the schema: joined
-- directly, the join condition did not limit what the server read, and it filled that table for every database on
-- the server, opening each table.
-- Parameters: schema.
WITH params AS (
    SELECT ? AS schema_name
),
tabs AS (
    SELECT TABLE_SCHEMA, TABLE_NAME
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND TABLE_TYPE = 'BASE TABLE'
    GROUP BY TABLE_SCHEMA, TABLE_NAME
)
SELECT c.TABLE_SCHEMA AS schema_name,
       c.TABLE_NAME AS table_name,
       JSON_ARRAYAGG(c.COLUMN_NAME) AS columns
FROM information_schema.COLUMNS c
JOIN tabs t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = (SELECT schema_name FROM params)
  AND c.CHARACTER_SET_NAME IN ('utf8mb3', 'utf8')
GROUP BY c.TABLE_SCHEMA, c.TABLE_NAME
ORDER BY table_name
