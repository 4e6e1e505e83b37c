-- index.timestamp-in-middle: B-tree indexes with a timestamp or date key (a column or an expression) before the
-- last key column. Queries filter such keys by range, and a range in the middle stops the keys after it from
-- narrowing the scan. The index's own attributes give each key's type, expressions included.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       pg_catalog.pg_get_indexdef(x.indexrelid, ia.attnum, true) AS column_name,
       ia.attnum AS column_position,
       x.indnkeyatts AS key_columns
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
JOIN pg_catalog.pg_attribute ia ON ia.attrelid = x.indexrelid AND ia.attnum < x.indnkeyatts
WHERE n.nspname = ?
  AND am.amname = 'btree'
  AND NOT t.relispartition
  AND ia.atttypid IN ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype)
ORDER BY table_name, index_name, column_position
