-- index.boolean (MariaDB): non-unique indexes with a BOOLEAN (tinyint(1)) or BIT(1) column. A two-valued column
-- splits a table in two, so an index on it rarely beats a full scan.
-- Parameters: schema.
SELECT s.TABLE_SCHEMA AS schema_name,
       s.TABLE_NAME AS table_name,
       s.INDEX_NAME AS index_name,
       s.COLUMN_NAME AS column_name,
       s.SEQ_IN_INDEX AS key_position,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       FALSE AS is_partial
FROM information_schema.STATISTICS s
JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME
                                 AND c.COLUMN_NAME = s.COLUMN_NAME
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = s.TABLE_SCHEMA AND st.table_name = s.TABLE_NAME
      AND st.index_name = s.INDEX_NAME AND st.stat_name = 'size'
WHERE s.TABLE_SCHEMA = ?
  AND s.NON_UNIQUE = 1
  AND (c.COLUMN_TYPE LIKE 'tinyint(1)%' OR c.COLUMN_TYPE = 'bit(1)')
ORDER BY table_name, index_name, key_position
