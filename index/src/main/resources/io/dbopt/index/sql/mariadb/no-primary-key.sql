-- index.no-primary-key (MariaDB): base tables without a primary key. InnoDB then clusters rows on a hidden 6-byte
-- row id, row-based replication must scan the table for every changed row, and Galera refuses such tables.
-- unique_index names a unique index over NOT NULL columns that InnoDB already uses as the key.
-- Parameters: schema.
SELECT t.TABLE_SCHEMA AS schema_name,
       t.TABLE_NAME AS table_name,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows,
       COALESCE(t.DATA_LENGTH, 0) + COALESCE(t.INDEX_LENGTH, 0) AS table_bytes,
       (SELECT s.INDEX_NAME
        FROM information_schema.STATISTICS s
        WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.NON_UNIQUE = 0
        GROUP BY s.INDEX_NAME
        HAVING SUM(s.NULLABLE = 'YES') = 0
        ORDER BY COUNT(*), s.INDEX_NAME
        LIMIT 1) AS unique_index,
       '' AS partitions
FROM information_schema.TABLES t
WHERE t.TABLE_SCHEMA = ?
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
                  WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                    AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')
ORDER BY table_name
