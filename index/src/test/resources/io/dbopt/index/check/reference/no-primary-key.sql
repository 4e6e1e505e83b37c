-- index.no-primary-key (MariaDB): base tables without a primary key. InnoDB then clusters rows on a hidden 6-byte
-- row id, row-based replication must scan the table for every changed row, and Galera refuses such tables.
-- unique_index names a unique index over NOT NULL columns that InnoDB already uses as the key.
-- Each information_schema table is read once into a grouped derived table of this schema and joined by key: as
-- correlated subqueries, TABLE_CONSTRAINTS was read again for every table and STATISTICS for every table without
-- a key, each read filling the table anew.
-- Parameters: schema.
WITH params AS (
    SELECT ? AS schema_name
),
tabs AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND TABLE_TYPE = 'BASE TABLE'
    GROUP BY TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH
),
pk AS (
    SELECT TABLE_SCHEMA, TABLE_NAME
    FROM information_schema.TABLE_CONSTRAINTS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND CONSTRAINT_TYPE = 'PRIMARY KEY'
    GROUP BY TABLE_SCHEMA, TABLE_NAME
),
uniq AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COUNT(*) AS ncols
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = (SELECT schema_name FROM params)
      AND NON_UNIQUE = 0
    GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME
    HAVING SUM(NULLABLE = 'YES') = 0
),
first_uniq AS (
    SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME,
           ROW_NUMBER() OVER (PARTITION BY TABLE_SCHEMA, TABLE_NAME ORDER BY ncols, INDEX_NAME) AS pick
    FROM uniq
)
SELECT t.TABLE_SCHEMA AS schema_name,
       t.TABLE_NAME AS table_name,
       COALESCE(t.TABLE_ROWS, 0) AS table_rows,
       COALESCE(t.DATA_LENGTH, 0) + COALESCE(t.INDEX_LENGTH, 0) AS table_bytes,
       u.INDEX_NAME AS unique_index,
       '' AS partitions
FROM tabs t
LEFT JOIN pk p ON p.TABLE_SCHEMA = t.TABLE_SCHEMA AND p.TABLE_NAME = t.TABLE_NAME
LEFT JOIN first_uniq u ON u.TABLE_SCHEMA = t.TABLE_SCHEMA AND u.TABLE_NAME = t.TABLE_NAME AND u.pick = 1
WHERE p.TABLE_NAME IS NULL
ORDER BY table_name
