-- index.sequence-overflow (MariaDB): AUTO_INCREMENT columns whose next value has used a large share of the column
-- type's range (information_schema.TABLES.AUTO_INCREMENT against the integer type's maximum).
-- The second information_schema table is read into a grouped derived table filtered on the schema: joined
-- directly, the join condition did not limit what the server read, and it filled that table for every database on
-- the server, opening each table.
-- Parameters: schema, share of the range used from which a column is reported.
WITH params AS (
    SELECT ? AS schema_name
),
cols AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND EXTRA LIKE '%auto_increment%'
    GROUP BY TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE
)
SELECT x.schema_name, x.table_name, x.column_name, x.column_type, x.last_value, x.max_value,
       x.last_value / x.max_value AS used_share
FROM (
    SELECT t.TABLE_SCHEMA AS schema_name,
           t.TABLE_NAME AS table_name,
           c.COLUMN_NAME AS column_name,
           c.COLUMN_TYPE AS column_type,
           t.AUTO_INCREMENT - 1 AS last_value,
           CASE c.DATA_TYPE
               WHEN 'tinyint' THEN 127
               WHEN 'smallint' THEN 32767
               WHEN 'mediumint' THEN 8388607
               WHEN 'int' THEN 2147483647
               ELSE CAST(9223372036854775807 AS DECIMAL(21, 0))
           END * IF(c.COLUMN_TYPE LIKE '%unsigned%', 2, 1) + IF(c.COLUMN_TYPE LIKE '%unsigned%', 1, 0) AS max_value
    FROM information_schema.TABLES t
    JOIN cols c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
    WHERE t.TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND t.AUTO_INCREMENT IS NOT NULL
) x
WHERE x.last_value / x.max_value >= ?
ORDER BY used_share DESC, table_name
