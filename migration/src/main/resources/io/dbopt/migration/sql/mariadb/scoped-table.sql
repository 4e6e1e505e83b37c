-- Everything a snapshot keeps of one table, in one result: the queries of tables.sql, columns.sql, indexes.sql,
-- delete-rules.sql, foreign-keys.sql and checks.sql, each restricted to the current database and to one table name
-- (one parameter per branch, all six the same name), so that MariaDB looks every branch up by name ("Scanned 0
-- databases"; a list of names would scan the whole database). The reader sends this block once per table, joined by
-- UNION ALL after a row holding DATABASE(), in one statement without ORDER BY (sorting the union would copy every row
-- into one more temporary table, on disk since some columns are longtext), and sorts the rows itself by kind, table,
-- sort name and sort position: the order each query has on its own. Columns: kind (0 to 5 in the order above), sort
-- name, sort position, then that query's own columns in its order, padded with NULL.
SELECT 0 AS kind, NULL AS sort_name, 0 AS sort_position,
       TABLE_NAME AS c1, COALESCE(TABLE_ROWS, 0) AS c2, NULL AS c3, NULL AS c4, NULL AS c5, NULL AS c6, NULL AS c7
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_TYPE = 'BASE TABLE'
  AND TABLE_NAME = ?
UNION ALL
SELECT 1, NULL, c.ORDINAL_POSITION,
       c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE = 'YES', c.COLUMN_DEFAULT, c.EXTRA, c.ORDINAL_POSITION
FROM information_schema.COLUMNS c
WHERE c.TABLE_SCHEMA = DATABASE()
  AND c.TABLE_NAME = ?
UNION ALL
SELECT 2, INDEX_NAME, SEQ_IN_INDEX,
       TABLE_NAME, INDEX_NAME, NON_UNIQUE = 0, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, NULL
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME = ?
UNION ALL
SELECT 3, CONSTRAINT_NAME, 0,
       TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, NULL, NULL, NULL, NULL
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
  AND TABLE_NAME = ?
UNION ALL
SELECT 4, k.CONSTRAINT_NAME, k.ORDINAL_POSITION,
       k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, NULL, NULL
FROM information_schema.KEY_COLUMN_USAGE k
WHERE k.TABLE_SCHEMA = DATABASE()
  AND k.REFERENCED_TABLE_NAME IS NOT NULL
  AND k.TABLE_NAME = ?
UNION ALL
SELECT 5, CONSTRAINT_NAME, 0,
       TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, NULL, NULL, NULL, NULL
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
  AND LEVEL = 'Table'
  AND TABLE_NAME = ?
