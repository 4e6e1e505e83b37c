-- index.boolean (MariaDB): non-unique indexes with a BOOLEAN (tinyint(1)) or BIT(1) column. A two-valued column
-- splits a table in two, so an index on it rarely beats a full scan. Index columns and two-valued columns of this
-- schema are each read into a grouped derived table joined by key (information_schema.COLUMNS was joined row by row,
-- without a schema condition of its own: every database was scanned); the schema parameter is read once in params.
-- Parameters: schema.
WITH params AS (
    SELECT ? AS schema_name
),
keys_used AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COLUMN_NAME, SEQ_IN_INDEX
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND NON_UNIQUE = 1
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COLUMN_NAME, SEQ_IN_INDEX
),
two_valued AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND (COLUMN_TYPE LIKE 'tinyint(1)%' OR COLUMN_TYPE = 'bit(1)')
    GROUP BY TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME
)
SELECT s.TABLE_SCHEMA AS schema_name,
       s.TABLE_NAME AS table_name,
       s.INDEX_NAME AS index_name,
       s.COLUMN_NAME AS column_name,
       s.SEQ_IN_INDEX AS key_position,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       FALSE AS is_partial
FROM keys_used s
JOIN two_valued c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = s.TABLE_SCHEMA AND st.table_name = s.TABLE_NAME
      AND st.index_name = s.INDEX_NAME AND st.stat_name = 'size'
ORDER BY table_name, index_name, key_position
