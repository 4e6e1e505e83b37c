-- index.fk-duplicate (MariaDB): foreign keys identical to another of the same table (same columns in the same order,
-- same referenced table and columns). The first by name is kept; each other one is a row. The key columns are read
-- once and the first of each group found by a window function (joined to itself, the grouped derived table was
-- read by block nested loop, which grew with the square of the number of foreign keys).
-- Parameters: schema.
WITH fk AS (
    SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME,
           CONCAT(MIN(k.REFERENCED_TABLE_SCHEMA), '.', MIN(k.REFERENCED_TABLE_NAME), ':',
                  GROUP_CONCAT(CONCAT(k.COLUMN_NAME, '>', k.REFERENCED_COLUMN_NAME) ORDER BY k.ORDINAL_POSITION
                               SEPARATOR ',')) AS signature
    FROM information_schema.KEY_COLUMN_USAGE k
    WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
    GROUP BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME
),
ranked AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME,
           MIN(CONSTRAINT_NAME) OVER (PARTITION BY TABLE_SCHEMA, TABLE_NAME, signature) AS first_name
    FROM fk
)
SELECT TABLE_SCHEMA AS schema_name,
       TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       first_name AS duplicate_of
FROM ranked
WHERE CONSTRAINT_NAME > first_name
ORDER BY table_name, constraint_name
