-- index.bloated (MariaDB): InnoDB indexes whose allocated pages ("size" in mysql.innodb_index_stats) far exceed
-- their leaf pages ("n_leaf_pages"): space freed by deletes and page merges stays with the index until it is
-- rebuilt. Statistics are as of the last ANALYZE TABLE or automatic recalculation.
-- Parameters: schema, minimum bloat share (0..1), minimum bloat in bytes.
SELECT s.database_name AS schema_name,
       s.table_name,
       s.index_name,
       s.stat_value * @@innodb_page_size AS index_bytes,
       GREATEST(s.stat_value - CEIL(l.stat_value * 1.02), 0) * @@innodb_page_size AS bloat_bytes,
       ROUND(GREATEST(s.stat_value - CEIL(l.stat_value * 1.02), 0) / GREATEST(s.stat_value, 1), 3) AS bloat_ratio
FROM mysql.innodb_index_stats s
JOIN mysql.innodb_index_stats l ON l.database_name = s.database_name AND l.table_name = s.table_name
                               AND l.index_name = s.index_name AND l.stat_name = 'n_leaf_pages'
WHERE s.database_name = ?
  AND s.stat_name = 'size'
  AND s.table_name NOT LIKE '%#P#%'
  AND GREATEST(s.stat_value - CEIL(l.stat_value * 1.02), 0) / GREATEST(s.stat_value, 1) >= ?
  AND GREATEST(s.stat_value - CEIL(l.stat_value * 1.02), 0) * @@innodb_page_size >= ?
ORDER BY bloat_bytes DESC, table_name, index_name
