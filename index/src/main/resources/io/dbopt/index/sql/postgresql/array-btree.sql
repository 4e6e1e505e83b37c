-- index.array-btree: B-tree indexes with an array key column. A B-tree compares whole arrays; the containment and
-- overlap operators (@>, <@, &&) need a GIN index. The schema's array columns are found first (one hash join of
-- pg_attribute and the types): they are few, so only their tables' indexes are read, instead of every key column of
-- every index being looked up with its type. An index with two array key columns gives a row each, in column order.
-- Parameters: schema.
WITH arrays AS MATERIALIZED (
    SELECT a.attrelid, a.attnum, a.attname
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
    JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ?
      AND ty.typcategory = 'A'
)
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       a.attname AS column_name,
       pg_relation_size(x.indexrelid) AS index_bytes
FROM arrays a
JOIN pg_catalog.pg_index x ON x.indrelid = a.attrelid
                          AND a.attnum = ANY ((x.indkey::int2[])[0:x.indnkeyatts - 1])
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = i.relam AND am.amname = 'btree'
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE i.relkind IN ('i', 'I')
  AND NOT i.relispartition
ORDER BY table_name, index_name, a.attnum
