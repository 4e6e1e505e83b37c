-- index.duplicate (MariaDB): indexes of one table with the same type and the same columns, prefix lengths and
-- sort orders in the same positions. Uniqueness is not compared. Rows of one group share "signature".
-- information_schema.STATISTICS is read once: each index's columns (position, name, prefix length, sort order) become
-- one JSON array, and indexes of one table with the same type and array are a group (window functions over that
-- one derived table). Each reference to a derived table is read again from the server, and at 10,000 tables one
-- read of STATISTICS takes about 11 s on the loaded machine: the self-join of column rows read it five times
-- (78 s). Rows read through each index ("scans", which
-- decides which of a group is kept after constraint and uniqueness) come from IndexUsage, read once per run: the
-- check fills them in and orders each group by them.
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
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, MIN(NON_UNIQUE) AS non_unique, MIN(INDEX_TYPE) AS index_type,
           CAST(JSON_ARRAYAGG(JSON_ARRAY(SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION) ORDER BY SEQ_IN_INDEX)
                AS CHAR(16000)) AS shape
    FROM cols
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
),
twins AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, non_unique,
           MIN(INDEX_NAME) OVER w AS first_twin, COUNT(*) OVER w AS copies
    FROM idx
    WINDOW w AS (PARTITION BY TABLE_SCHEMA, TABLE_NAME, index_type, shape)
)
SELECT t.TABLE_SCHEMA AS schema_name,
       t.TABLE_NAME AS table_name,
       t.INDEX_NAME AS index_name,
       t.non_unique = 0 AS is_unique,
       (t.non_unique = 0 OR t.INDEX_NAME = 'PRIMARY') AS constraint_owned,
       FALSE AS partitioned,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       CONCAT(t.TABLE_NAME, '/', t.first_twin) AS signature
FROM twins t
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = t.TABLE_SCHEMA AND st.table_name = t.TABLE_NAME
      AND st.index_name = t.INDEX_NAME AND st.stat_name = 'size'
WHERE t.copies > 1
ORDER BY table_name, signature, constraint_owned DESC, is_unique DESC, index_name
