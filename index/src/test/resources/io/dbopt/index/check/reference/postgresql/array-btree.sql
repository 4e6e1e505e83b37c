-- index.array-btree: B-tree indexes with an array key column. A B-tree compares whole arrays; the containment and
-- overlap operators (@>, <@, &&) need a GIN index.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       a.attname AS column_name,
       pg_relation_size(x.indexrelid) AS index_bytes
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = i.relam AND am.amname = 'btree'
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid
                               AND a.attnum = ANY ((x.indkey::int2[])[0:x.indnkeyatts - 1])
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
WHERE n.nspname = ?
  AND i.relkind IN ('i', 'I')
  AND NOT i.relispartition
  AND ty.typcategory = 'A'
ORDER BY table_name, index_name
