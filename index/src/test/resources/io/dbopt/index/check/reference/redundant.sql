-- index.redundant (MariaDB), the catalog half: every index of the schema with its type, uniqueness, column count,
-- column list and shape (a JSON array of its columns' position, name, prefix length and sort order, in order), by
-- table and index name, with each index's rank by name in its table. The check pairs them in Java: a non-unique
-- B-tree index whose shape is the leading part of another, longer B-tree index's on the same table is redundant
-- (the covering index first by name is named). Identical indexes are left to index.duplicate. InnoDB refuses to
-- drop the last index a foreign key needs; the longer index serves it here.
-- information_schema.STATISTICS is read once: each reference to a derived table is read again from the server, and
-- at 10,000 tables one read of STATISTICS takes about 11 s on the loaded machine; the self-join of column rows read
-- it three times (57 s), past the doctor's statement timeout. Rows read through the redundant index ("scans",
-- evidence only) come from IndexUsage, read once per run.
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
           CAST(JSON_ARRAYAGG(JSON_ARRAY(SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION) ORDER BY SEQ_IN_INDEX)
                AS CHAR(16000)) AS shape,
           GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS column_list
    FROM cols
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
)
SELECT i.TABLE_SCHEMA AS schema_name,
       i.TABLE_NAME AS table_name,
       i.INDEX_NAME AS index_name,
       i.ncols,
       i.non_unique,
       i.index_type,
       i.shape,
       i.column_list,
       ROW_NUMBER() OVER (PARTITION BY i.TABLE_SCHEMA, i.TABLE_NAME ORDER BY i.INDEX_NAME) AS name_rank,
       FALSE AS partitioned,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes
FROM idx i
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = i.TABLE_SCHEMA AND st.table_name = i.TABLE_NAME
      AND st.index_name = i.INDEX_NAME AND st.stat_name = 'size'
ORDER BY table_name, index_name
