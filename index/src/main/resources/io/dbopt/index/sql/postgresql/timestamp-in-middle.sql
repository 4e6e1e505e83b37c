-- index.timestamp-in-middle: B-tree indexes with a timestamp or date column before the last key column. Queries
-- filter such columns by range, and a range in the middle stops the columns after it from narrowing the scan.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       a.attname AS column_name,
       k.position AS column_position,
       x.indnkeyatts AS key_columns
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, position) ON k.position < x.indnkeyatts
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE n.nspname = ?
  AND am.amname = 'btree'
  AND NOT t.relispartition
  AND a.atttypid IN ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype)
ORDER BY table_name, index_name, column_position
