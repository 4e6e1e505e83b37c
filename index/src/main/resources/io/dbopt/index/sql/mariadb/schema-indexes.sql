-- The indexes of every table of one schema, read once when many tables are looked up (table-indexes reads one
-- table's): columns in order as a JSON array, uniqueness, type. An IGNORED index counts as not
-- valid (the optimizer does not use it); a prefix index (SUB_PART) counts as having expressions (it cannot serve
-- every lookup on the full column).
-- Parameters: schema.
SELECT s.TABLE_NAME AS table_name,
       s.INDEX_NAME AS index_name,
       MIN(s.NON_UNIQUE) = 0 AS is_unique,
       s.INDEX_NAME = 'PRIMARY' AS is_primary,
       MAX(s.IGNORED) = 'NO' AS is_valid,
       MIN(s.NON_UNIQUE) = 0 AS constraint_owned,
       FALSE AS build_in_progress,
       LOWER(MIN(s.INDEX_TYPE)) AS method,
       '' AS predicate,
       MAX(s.SUB_PART IS NOT NULL) = 1 AS has_expressions,
       JSON_ARRAYAGG(s.COLUMN_NAME ORDER BY s.SEQ_IN_INDEX) AS key_columns,
       '[]' AS include_columns,
       COALESCE(MAX(st.stat_value), 0) * @@innodb_page_size AS index_bytes
FROM information_schema.STATISTICS s
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = s.TABLE_SCHEMA AND st.table_name = s.TABLE_NAME
      AND st.index_name = s.INDEX_NAME AND st.stat_name = 'size'
WHERE s.TABLE_SCHEMA = ?
GROUP BY s.TABLE_NAME, s.INDEX_NAME
ORDER BY s.TABLE_NAME, s.INDEX_NAME
