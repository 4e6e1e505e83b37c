-- index.redundant (MariaDB): a non-unique B-tree index whose columns (with prefix lengths and sort orders) are the
-- leading columns of another, longer B-tree index on the same table. Identical indexes are left to
-- index.duplicate. InnoDB refuses to drop the last index a foreign key needs; the longer index serves it here.
-- Each catalog and performance_schema table is read into a grouped derived table joined by key (joined row by
-- row, they were read again for every block of rows, which grew with the square of the number of indexes). Every
-- join has the key it needs: an index's column count, uniqueness and type ride on its columns' rows (window
-- functions) and both column lists are built from the matched pairs, because MariaDB joined a second reference to
-- a grouped derived table with a GROUP_CONCAT column by block nested loop.
-- Parameters: schema.
WITH cols AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE,
           NON_UNIQUE
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = ?
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE,
             NON_UNIQUE
),
shaped AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION,
           COUNT(*) OVER w AS ncols, MIN(NON_UNIQUE) OVER w AS non_unique, MIN(INDEX_TYPE) OVER w AS index_type
    FROM cols
    WINDOW w AS (PARTITION BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME)
),
index_reads AS (
    SELECT OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, SUM(COUNT_READ) AS COUNT_READ
    FROM performance_schema.table_io_waits_summary_by_index_usage
    WHERE INDEX_NAME IS NOT NULL
    GROUP BY OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME
),
prefix AS (
    SELECT a.TABLE_SCHEMA, a.TABLE_NAME, a.INDEX_NAME AS a_name, b.INDEX_NAME AS b_name,
           GROUP_CONCAT(a.COLUMN_NAME ORDER BY a.SEQ_IN_INDEX SEPARATOR ', ') AS a_list
    FROM shaped a
    JOIN shaped b ON b.TABLE_SCHEMA = a.TABLE_SCHEMA AND b.TABLE_NAME = a.TABLE_NAME
               AND b.INDEX_NAME <> a.INDEX_NAME
               AND b.SEQ_IN_INDEX = a.SEQ_IN_INDEX AND b.COLUMN_NAME = a.COLUMN_NAME
               AND b.SUB_PART <=> a.SUB_PART AND b.COLLATION <=> a.COLLATION
    WHERE a.ncols < b.ncols
      AND a.non_unique = 1
      AND a.index_type = 'BTREE'
      AND b.index_type = 'BTREE'
    GROUP BY a.TABLE_SCHEMA, a.TABLE_NAME, a.INDEX_NAME, b.INDEX_NAME, a.ncols
    HAVING COUNT(*) = a.ncols
),
pairs AS (
    SELECT p.TABLE_SCHEMA, p.TABLE_NAME, p.a_name, p.b_name, p.a_list,
           GROUP_CONCAT(c.COLUMN_NAME ORDER BY c.SEQ_IN_INDEX SEPARATOR ', ') AS b_list
    FROM prefix p
    JOIN cols c ON c.TABLE_SCHEMA = p.TABLE_SCHEMA AND c.TABLE_NAME = p.TABLE_NAME AND c.INDEX_NAME = p.b_name
    GROUP BY p.TABLE_SCHEMA, p.TABLE_NAME, p.a_name, p.b_name, p.a_list
)
SELECT p.TABLE_SCHEMA AS schema_name,
       p.TABLE_NAME AS table_name,
       p.a_name AS index_name,
       FALSE AS partitioned,
       COALESCE(u.COUNT_READ, 0) AS scans,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       p.b_name AS covering_index_name,
       CONCAT(p.a_name, ' (', p.a_list, ')') AS redundant_definition,
       CONCAT(p.b_name, ' (', p.b_list, ')') AS covering_definition
FROM pairs p
LEFT JOIN index_reads u
       ON u.OBJECT_SCHEMA = p.TABLE_SCHEMA AND u.OBJECT_NAME = p.TABLE_NAME AND u.INDEX_NAME = p.a_name
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = p.TABLE_SCHEMA AND st.table_name = p.TABLE_NAME
      AND st.index_name = p.a_name AND st.stat_name = 'size'
ORDER BY table_name, index_name, covering_index_name
