-- JSON and text columns of the tables of the current database, JSON ones (LONGTEXT with a json_valid check) marked
-- as json, with the table's estimated rows and the column's collation.
-- Each catalog table is read once into a grouped derived table: joined row by row, information_schema was read
-- again for every block of columns, which grew with the square of the number of tables.
WITH cols AS (
    SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLLATION_NAME, ORDINAL_POSITION
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE()
      AND DATA_TYPE IN ('longtext', 'mediumtext', 'text', 'varchar', 'json')
      AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '')
    GROUP BY TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLLATION_NAME, ORDINAL_POSITION
),
tabs AS (
    SELECT TABLE_NAME, TABLE_ROWS
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = DATABASE()
    GROUP BY TABLE_NAME, TABLE_ROWS
),
json_checks AS (
    SELECT TABLE_NAME, CHECK_CLAUSE
    FROM information_schema.CHECK_CONSTRAINTS
    WHERE CONSTRAINT_SCHEMA = DATABASE()
      AND CHECK_CLAUSE LIKE '%json_valid(%'
    GROUP BY TABLE_NAME, CHECK_CLAUSE
)
SELECT c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       CASE WHEN c.DATA_TYPE = 'json' OR EXISTS (
                SELECT 1 FROM json_checks k
                WHERE k.TABLE_NAME = c.TABLE_NAME
                  AND k.CHECK_CLAUSE LIKE CONCAT('%json_valid(`', REPLACE(c.COLUMN_NAME, '_', '\\_'), '`)%'))
            THEN 'json' ELSE c.DATA_TYPE END AS data_type,
       COALESCE(c.COLLATION_NAME, '') AS collation_name,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows
FROM cols c
JOIN tabs t ON t.TABLE_NAME = c.TABLE_NAME
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
