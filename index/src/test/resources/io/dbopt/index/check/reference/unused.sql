-- index.unused and index.rarely-used (MariaDB), the catalog half: secondary, non-unique indexes of at least a given
-- size (pages allocated, from mysql.innodb_index_stats) that do not start with the columns of a foreign key. Read
-- once per run (with size 0) for both checks (CheckSupport.dropCandidates): index.unused keeps those no row was
-- read through since the server started, index.rarely-used those of at least its size floor fewer rows than a
-- threshold (but at least one) were read through (performance_schema.table_io_waits_summary_by_index_usage, read
-- once per run for every check that needs it: IndexUsage). Returns nothing when performance_schema is off, because
-- then every counter reads zero.
-- Each catalog table is read once into a grouped derived table (joined row by row, they were read again for every
-- block of rows, which grew with the square of the number of indexes), each for this schema only (KEY_COLUMN_USAGE
-- of every database was opened twice: past the statement timeout at 10,000 tables); the schema parameter is read
-- once in params.
-- Parameters: schema, minimum index size in bytes.
WITH params AS (
    SELECT ? AS schema_name
),
stats AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
),
idx AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, MIN(NON_UNIQUE) AS NON_UNIQUE
    FROM stats
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
),
cols AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME
    FROM stats
    WHERE SUB_PART IS NULL
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME
),
fk AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME
    FROM information_schema.KEY_COLUMN_USAGE
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND REFERENCED_TABLE_NAME IS NOT NULL
),
fk_size AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COUNT(*) AS n
    FROM fk
    GROUP BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME
),
fk_support AS (
    SELECT fk.TABLE_SCHEMA, fk.TABLE_NAME, fk.CONSTRAINT_NAME, x.INDEX_NAME, COUNT(*) AS matched
    FROM fk
    JOIN cols x ON x.TABLE_SCHEMA = fk.TABLE_SCHEMA AND x.TABLE_NAME = fk.TABLE_NAME
               AND x.SEQ_IN_INDEX = fk.ORDINAL_POSITION AND x.COLUMN_NAME = fk.COLUMN_NAME
    GROUP BY fk.TABLE_SCHEMA, fk.TABLE_NAME, fk.CONSTRAINT_NAME, x.INDEX_NAME
)
SELECT idx.TABLE_SCHEMA AS schema_name,
       idx.TABLE_NAME AS table_name,
       idx.INDEX_NAME AS index_name,
       FALSE AS partitioned,
       COALESCE(st.stat_value, 0) * @@innodb_page_size AS index_bytes,
       DATE_FORMAT(NOW() - INTERVAL (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
                                     WHERE VARIABLE_NAME = 'UPTIME') SECOND, '%Y-%m-%dT%H:%i:%s') AS stats_since
FROM idx
LEFT JOIN mysql.innodb_index_stats st
       ON st.database_name = idx.TABLE_SCHEMA AND st.table_name = idx.TABLE_NAME
      AND st.index_name = idx.INDEX_NAME AND st.stat_name = 'size'
WHERE @@performance_schema = 1
  AND idx.INDEX_NAME <> 'PRIMARY'
  AND idx.NON_UNIQUE = 1
  AND NOT EXISTS (SELECT 1 FROM fk_support s
                  JOIN fk_size z ON z.TABLE_SCHEMA = s.TABLE_SCHEMA AND z.TABLE_NAME = s.TABLE_NAME
                                AND z.CONSTRAINT_NAME = s.CONSTRAINT_NAME AND z.n = s.matched
                  WHERE s.TABLE_SCHEMA = idx.TABLE_SCHEMA AND s.TABLE_NAME = idx.TABLE_NAME
                    AND s.INDEX_NAME = idx.INDEX_NAME)
  AND COALESCE(st.stat_value, 0) * @@innodb_page_size >= ?
ORDER BY index_bytes DESC, table_name, index_name
