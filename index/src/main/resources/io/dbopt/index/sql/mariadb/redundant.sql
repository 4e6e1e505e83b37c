-- index.redundant (MariaDB): a non-unique B-tree index whose columns (with prefix lengths and sort orders) are the
-- leading columns of another, longer B-tree index on the same table. Identical indexes are left to
-- index.duplicate. InnoDB refuses to drop the last index a foreign key needs; the longer index serves it here.
-- Each catalog and performance_schema table is read once into a grouped derived table (joined row by row,
-- they were read again for every block of rows, which grew with the square of the number of indexes).
-- Parameters: schema.
WITH cols AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE,
           NON_UNIQUE
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = ?
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE,
             NON_UNIQUE
),
idx AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COUNT(*) AS ncols, MIN(NON_UNIQUE) AS non_unique,
           MIN(INDEX_TYPE) AS index_type,
           GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS column_list
    FROM cols
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
),
index_reads AS (
    SELECT OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, SUM(COUNT_READ) AS COUNT_READ
    FROM performance_schema.table_io_waits_summary_by_index_usage
    WHERE INDEX_NAME IS NOT NULL
    GROUP BY OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME
),
prefix AS (
    SELECT a.TABLE_SCHEMA, a.TABLE_NAME, a.INDEX_NAME AS a_name, b.INDEX_NAME AS b_name, COUNT(*) AS matched
    FROM cols a
    JOIN cols b ON b.TABLE_SCHEMA = a.TABLE_SCHEMA AND b.TABLE_NAME = a.TABLE_NAME
               AND b.INDEX_NAME <> a.INDEX_NAME
               AND b.SEQ_IN_INDEX = a.SEQ_IN_INDEX AND b.COLUMN_NAME = a.COLUMN_NAME
               AND b.SUB_PART <=> a.SUB_PART AND b.COLLATION <=> a.COLLATION
    GROUP BY a.TABLE_SCHEMA, a.TABLE_NAME, a.INDEX_NAME, b.INDEX_NAME
)
SELECT p.TABLE_SCHEMA AS schema_name,
       p.TABLE_NAME AS table_name,
       p.a_name AS index_name,
       FALSE AS partitioned,
       COALESCE(u.COUNT_READ, 0) AS scans,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       p.b_name AS covering_index_name,
       CONCAT(p.a_name, ' (', ia.column_list, ')') AS redundant_definition,
       CONCAT(p.b_name, ' (', ib.column_list, ')') AS covering_definition
FROM prefix p
JOIN idx ia ON ia.TABLE_SCHEMA = p.TABLE_SCHEMA AND ia.TABLE_NAME = p.TABLE_NAME AND ia.INDEX_NAME = p.a_name
JOIN idx ib ON ib.TABLE_SCHEMA = p.TABLE_SCHEMA AND ib.TABLE_NAME = p.TABLE_NAME AND ib.INDEX_NAME = p.b_name
LEFT JOIN index_reads u
       ON u.OBJECT_SCHEMA = p.TABLE_SCHEMA AND u.OBJECT_NAME = p.TABLE_NAME AND u.INDEX_NAME = p.a_name
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = p.TABLE_SCHEMA AND st.table_name = p.TABLE_NAME
      AND st.index_name = p.a_name AND st.stat_name = 'size'
WHERE p.matched = ia.ncols
  AND ia.ncols < ib.ncols
  AND ia.non_unique = 1
  AND ia.index_type = 'BTREE'
  AND ib.index_type = 'BTREE'
ORDER BY table_name, index_name, covering_index_name
