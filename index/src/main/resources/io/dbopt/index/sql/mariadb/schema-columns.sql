-- The columns of every table of one schema with their type names, row estimates and sizes, read once when many
-- tables are looked up (table-columns.sql reads one). Both catalog tables are read once into grouped derived tables
-- and joined by key: joined directly, information_schema.TABLES was read again for every block of columns.
-- Parameters: schema, schema.
WITH cols AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, ORDINAL_POSITION
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = ?
    GROUP BY TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, ORDINAL_POSITION
),
tabs AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = ?
      AND TABLE_TYPE = 'BASE TABLE'
    GROUP BY TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH
)
SELECT c.TABLE_SCHEMA AS schema_name,
       c.TABLE_NAME AS table_name,
       c.COLUMN_NAME AS column_name,
       c.DATA_TYPE AS data_type,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows,
       COALESCE(t.DATA_LENGTH, 0) AS table_bytes
FROM cols c
JOIN tabs t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
