-- Tables with a one-column foreign key, a time column and a text or JSON column: possible change histories. One row
-- per one-column foreign key of a table with both kinds of column, with that table's columns of those types as one
-- JSON array of [name, data type, declared length] by name; the caller pairs time and content columns (in name
-- order, as one row per combination ordered by them did) and picks.
-- KEY_COLUMN_USAGE and COLUMNS are each read once, into a grouped derived table referenced once: each reference to
-- a derived table is filled again from the server, and the row per combination (the key columns and the columns
-- each referenced twice) read both twice, 9 s at 10,000 tables. Each catalog table is read once into a grouped
-- derived table: joined row by row, information_schema was read again for every block of rows, which grew with the
-- square of the number of tables.
WITH keys_used AS (
    SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME,
           COUNT(*) OVER (PARTITION BY TABLE_NAME, CONSTRAINT_NAME) AS key_columns
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = DATABASE()
    GROUP BY TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, ORDINAL_POSITION
),
cols AS (
    SELECT TABLE_NAME,
           SUM(DATA_TYPE IN ('datetime', 'timestamp')) AS time_columns,
           SUM(DATA_TYPE IN ('text', 'mediumtext', 'longtext', 'varchar', 'json')) AS content_columns,
           JSON_ARRAYAGG(JSON_ARRAY(COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH) ORDER BY COLUMN_NAME)
               AS columns
    FROM (SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH
          FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE()
            AND DATA_TYPE IN ('datetime', 'timestamp', 'text', 'mediumtext', 'longtext', 'varchar', 'json')
          GROUP BY TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH) c
    GROUP BY TABLE_NAME
)
SELECT k.TABLE_NAME AS table_name,
       k.COLUMN_NAME AS document_column,
       k.REFERENCED_TABLE_NAME AS parent_table,
       x.columns
FROM keys_used k
JOIN cols x ON x.TABLE_NAME = k.TABLE_NAME
WHERE k.REFERENCED_TABLE_NAME IS NOT NULL
  AND k.key_columns = 1
  AND x.time_columns > 0
  AND x.content_columns > 0
ORDER BY k.TABLE_NAME, k.COLUMN_NAME
