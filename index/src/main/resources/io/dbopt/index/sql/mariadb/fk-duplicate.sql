-- index.fk-duplicate (MariaDB): foreign keys identical to another of the same table (same columns in the same order,
-- same referenced table and columns). The first by name is kept; each other one is a row.
-- Parameters: schema.
WITH fk AS (
    SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME,
           CONCAT(MIN(k.REFERENCED_TABLE_SCHEMA), '.', MIN(k.REFERENCED_TABLE_NAME), ':',
                  GROUP_CONCAT(CONCAT(k.COLUMN_NAME, '>', k.REFERENCED_COLUMN_NAME) ORDER BY k.ORDINAL_POSITION
                               SEPARATOR ',')) AS signature
    FROM information_schema.KEY_COLUMN_USAGE k
    WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
    GROUP BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME
)
SELECT d.TABLE_SCHEMA AS schema_name,
       d.TABLE_NAME AS table_name,
       d.CONSTRAINT_NAME AS constraint_name,
       MIN(k.CONSTRAINT_NAME) AS duplicate_of
FROM fk d
JOIN fk k ON k.TABLE_SCHEMA = d.TABLE_SCHEMA AND k.TABLE_NAME = d.TABLE_NAME AND k.signature = d.signature
         AND k.CONSTRAINT_NAME < d.CONSTRAINT_NAME
GROUP BY d.TABLE_SCHEMA, d.TABLE_NAME, d.CONSTRAINT_NAME
ORDER BY table_name, constraint_name
