-- index.fk-type-mismatch (MariaDB): foreign keys whose column type differs from the referenced column's (InnoDB
-- accepts different string lengths and, with foreign_key_checks=0, more): joins and checks convert, and the
-- shorter side truncates first.
-- The key columns and the columns of their schemas are read once into grouped derived tables (joined row by
-- row, information_schema.COLUMNS was read again for every block of key columns).
-- Parameters: schema.
WITH fk AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,
           REFERENCED_COLUMN_NAME
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = ?
      AND REFERENCED_TABLE_NAME IS NOT NULL
    GROUP BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,
             REFERENCED_COLUMN_NAME
),
sides AS (
    SELECT k.*, 0 AS referenced, k.TABLE_SCHEMA AS s, k.TABLE_NAME AS t, k.COLUMN_NAME AS col FROM fk k
    UNION ALL
    SELECT k.*, 1, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME FROM fk k
),
cols AS (
    SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE,
           COALESCE(c.CHARACTER_SET_NAME, '') AS charset, COALESCE(c.COLLATION_NAME, '') AS collation
    FROM information_schema.COLUMNS c
    JOIN (SELECT DISTINCT s FROM sides) x ON x.s = c.TABLE_SCHEMA
    GROUP BY c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.CHARACTER_SET_NAME, c.COLLATION_NAME
),
typed AS (
    SELECT x.TABLE_SCHEMA, x.TABLE_NAME, x.CONSTRAINT_NAME, x.COLUMN_NAME, x.REFERENCED_TABLE_SCHEMA,
           x.REFERENCED_TABLE_NAME, x.REFERENCED_COLUMN_NAME,
           MAX(CASE WHEN x.referenced = 0 THEN c.COLUMN_TYPE END) AS own_type,
           MAX(CASE WHEN x.referenced = 1 THEN c.COLUMN_TYPE END) AS referenced_type,
           COUNT(DISTINCT c.COLUMN_TYPE, c.charset, c.collation) AS variants,
           COUNT(*) AS sides_found
    FROM sides x
    JOIN cols c ON c.TABLE_SCHEMA = x.s AND c.TABLE_NAME = x.t AND c.COLUMN_NAME = x.col
    GROUP BY x.TABLE_SCHEMA, x.TABLE_NAME, x.CONSTRAINT_NAME, x.COLUMN_NAME, x.REFERENCED_TABLE_SCHEMA,
             x.REFERENCED_TABLE_NAME, x.REFERENCED_COLUMN_NAME
)
SELECT TABLE_SCHEMA AS schema_name,
       TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       COLUMN_NAME AS column_name,
       own_type AS column_type,
       CONCAT(REFERENCED_TABLE_SCHEMA, '.', REFERENCED_TABLE_NAME) AS referenced_table,
       REFERENCED_COLUMN_NAME AS referenced_column,
       referenced_type
FROM typed
WHERE sides_found = 2
  AND variants > 1
ORDER BY table_name, constraint_name, column_name
