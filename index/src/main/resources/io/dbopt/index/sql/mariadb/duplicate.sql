-- index.duplicate (MariaDB): indexes of one table with the same type and the same columns, prefix lengths and
-- sort orders in the same positions. Uniqueness is not compared. Rows of one group share "signature".
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
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COUNT(*) AS ncols, MIN(NON_UNIQUE) AS non_unique
    FROM cols
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
),
index_reads AS (
    SELECT OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, SUM(COUNT_READ) AS COUNT_READ
    FROM performance_schema.table_io_waits_summary_by_index_usage
    WHERE INDEX_NAME IS NOT NULL
    GROUP BY OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME
),
same AS (
    SELECT a.TABLE_SCHEMA, a.TABLE_NAME, a.INDEX_NAME AS a_name, b.INDEX_NAME AS b_name, COUNT(*) AS matched
    FROM cols a
    JOIN cols b ON b.TABLE_SCHEMA = a.TABLE_SCHEMA AND b.TABLE_NAME = a.TABLE_NAME
               AND b.SEQ_IN_INDEX = a.SEQ_IN_INDEX AND b.COLUMN_NAME = a.COLUMN_NAME
               AND b.SUB_PART <=> a.SUB_PART AND b.COLLATION <=> a.COLLATION AND b.INDEX_TYPE = a.INDEX_TYPE
    GROUP BY a.TABLE_SCHEMA, a.TABLE_NAME, a.INDEX_NAME, b.INDEX_NAME
),
twins AS (
    SELECT s.TABLE_SCHEMA, s.TABLE_NAME, s.a_name AS INDEX_NAME, MIN(s.b_name) AS first_twin, COUNT(*) AS copies
    FROM same s
    JOIN idx ia ON ia.TABLE_SCHEMA = s.TABLE_SCHEMA AND ia.TABLE_NAME = s.TABLE_NAME AND ia.INDEX_NAME = s.a_name
    JOIN idx ib ON ib.TABLE_SCHEMA = s.TABLE_SCHEMA AND ib.TABLE_NAME = s.TABLE_NAME AND ib.INDEX_NAME = s.b_name
    WHERE s.matched = ia.ncols AND s.matched = ib.ncols
    GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.a_name
)
SELECT t.TABLE_SCHEMA AS schema_name,
       t.TABLE_NAME AS table_name,
       t.INDEX_NAME AS index_name,
       i.non_unique = 0 AS is_unique,
       (i.non_unique = 0 OR t.INDEX_NAME = 'PRIMARY') AS constraint_owned,
       FALSE AS partitioned,
       COALESCE(p.COUNT_READ, 0) AS scans,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       CONCAT(t.TABLE_NAME, '/', t.first_twin) AS signature
FROM twins t
JOIN idx i ON i.TABLE_SCHEMA = t.TABLE_SCHEMA AND i.TABLE_NAME = t.TABLE_NAME AND i.INDEX_NAME = t.INDEX_NAME
LEFT JOIN index_reads p
       ON p.OBJECT_SCHEMA = t.TABLE_SCHEMA AND p.OBJECT_NAME = t.TABLE_NAME AND p.INDEX_NAME = t.INDEX_NAME
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = t.TABLE_SCHEMA AND st.table_name = t.TABLE_NAME
      AND st.index_name = t.INDEX_NAME AND st.stat_name = 'size'
WHERE t.copies > 1
ORDER BY table_name, signature, constraint_owned DESC, is_unique DESC, scans DESC, index_name
