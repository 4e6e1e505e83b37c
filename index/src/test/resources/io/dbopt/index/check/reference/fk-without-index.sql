-- index.fk-without-index (MariaDB): foreign keys whose columns are not, in order, the leading columns of an index
-- of the referencing table. InnoDB creates such an index with every foreign key and refuses to drop it, so this
-- finds only keys created or altered with foreign_key_checks=0, or on engines that do not enforce the rule.
-- Each catalog table is read once into a grouped derived table (joined row by row, they were read again for every
-- block of rows, which grew with the square of the number of indexes), each filtered on the schema itself
-- (STATISTICS filtered through a subquery and TABLES through the join were filled for every database on the
-- server).
-- Parameters: schema.
WITH params AS (
    SELECT ? AS schema_name
),
fk AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, REFERENCED_TABLE_NAME
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND REFERENCED_TABLE_NAME IS NOT NULL
),
fk_size AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COUNT(*) AS n, MIN(REFERENCED_TABLE_NAME) AS referenced_table,
           JSON_ARRAYAGG(COLUMN_NAME ORDER BY ORDINAL_POSITION) AS columns
    FROM fk
    GROUP BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME
),
cols AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND SUB_PART IS NULL
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME
),
tabs AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
    GROUP BY TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
),
fk_support AS (
    SELECT fk.TABLE_SCHEMA, fk.TABLE_NAME, fk.CONSTRAINT_NAME, x.INDEX_NAME, COUNT(*) AS matched
    FROM fk
    JOIN cols x ON x.TABLE_SCHEMA = fk.TABLE_SCHEMA AND x.TABLE_NAME = fk.TABLE_NAME
               AND x.SEQ_IN_INDEX = fk.ORDINAL_POSITION AND x.COLUMN_NAME = fk.COLUMN_NAME
    GROUP BY fk.TABLE_SCHEMA, fk.TABLE_NAME, fk.CONSTRAINT_NAME, x.INDEX_NAME
)
SELECT z.TABLE_SCHEMA AS schema_name,
       z.TABLE_NAME AS table_name,
       z.CONSTRAINT_NAME AS constraint_name,
       z.columns,
       '[]' AS nullable_columns,
       z.referenced_table,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows,
       COALESCE(t.DATA_LENGTH, 0) AS table_bytes,
       FALSE AS rows_guessed,
       FALSE AS partitioned,
       CAST(NULL AS DATETIME) AS stats_at
FROM fk_size z
LEFT JOIN tabs t ON t.TABLE_SCHEMA = z.TABLE_SCHEMA AND t.TABLE_NAME = z.TABLE_NAME
WHERE NOT EXISTS (SELECT 1 FROM fk_support s
                  WHERE s.TABLE_SCHEMA = z.TABLE_SCHEMA AND s.TABLE_NAME = z.TABLE_NAME
                    AND s.CONSTRAINT_NAME = z.CONSTRAINT_NAME AND s.matched = z.n)
ORDER BY table_name, constraint_name
