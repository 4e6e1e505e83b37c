-- Tables with a one-column foreign key, a time column and a text or JSON column: possible change histories.
-- Each catalog table is read once into a grouped derived table: joined row by row, information_schema was read
-- again for every block of rows, which grew with the square of the number of tables.
WITH keys_used AS (
    SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, ORDINAL_POSITION
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = DATABASE()
    GROUP BY TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, ORDINAL_POSITION
),
single AS (
    SELECT TABLE_NAME, CONSTRAINT_NAME
    FROM keys_used
    GROUP BY TABLE_NAME, CONSTRAINT_NAME
    HAVING COUNT(*) = 1
),
cols AS (
    SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE()
      AND DATA_TYPE IN ('datetime', 'timestamp', 'text', 'mediumtext', 'longtext', 'varchar', 'json')
    GROUP BY TABLE_NAME, COLUMN_NAME, DATA_TYPE
)
SELECT k.TABLE_NAME AS table_name,
       k.COLUMN_NAME AS document_column,
       k.REFERENCED_TABLE_NAME AS parent_table,
       tc.COLUMN_NAME AS time_column,
       xc.COLUMN_NAME AS content_column
FROM keys_used k
JOIN single s ON s.TABLE_NAME = k.TABLE_NAME AND s.CONSTRAINT_NAME = k.CONSTRAINT_NAME
JOIN cols tc ON tc.TABLE_NAME = k.TABLE_NAME AND tc.DATA_TYPE IN ('datetime', 'timestamp')
JOIN cols xc ON xc.TABLE_NAME = k.TABLE_NAME
 AND xc.DATA_TYPE IN ('text', 'mediumtext', 'longtext', 'varchar', 'json')
WHERE k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.COLUMN_NAME, tc.COLUMN_NAME, xc.COLUMN_NAME
