-- Distinct values of one table's columns, from engine-independent statistics (mysql.column_stats, filled by
-- ANALYZE TABLE ... PERSISTENT FOR ...) where present, else from the InnoDB statistics of an index that starts with
-- the column. Columns without either are estimated by sampling.
-- Parameters: schema, table, schema, table.
SELECT cs.column_name AS column_name,
       COALESCE(t.TABLE_ROWS, 0) / GREATEST(cs.avg_frequency, 1) AS distinct_values,
       COALESCE(cs.avg_length, -1) AS avg_width,
       COALESCE(cs.nulls_ratio, 0) AS null_fraction
FROM mysql.column_stats cs
JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = cs.db_name AND t.TABLE_NAME = cs.table_name
WHERE cs.db_name = ?
  AND cs.table_name = ?
  AND cs.avg_frequency IS NOT NULL
UNION ALL
SELECT s.COLUMN_NAME AS column_name,
       MAX(st.stat_value) AS distinct_values,
       -1 AS avg_width,
       0 AS null_fraction
FROM information_schema.STATISTICS s
JOIN mysql.innodb_index_stats st ON st.database_name = s.TABLE_SCHEMA AND st.table_name = s.TABLE_NAME
                                 AND st.index_name = s.INDEX_NAME AND st.stat_name = 'n_diff_pfx01'
WHERE s.TABLE_SCHEMA = ?
  AND s.TABLE_NAME = ?
  AND s.SEQ_IN_INDEX = 1
  AND s.SUB_PART IS NULL
GROUP BY s.COLUMN_NAME
