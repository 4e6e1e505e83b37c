-- index.json-column: columns of type json. jsonb is smaller to query, can be indexed (GIN, jsonb_path_ops) and
-- compared; json keeps the text as written and re-parses it on every access.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       a.attname AS column_name,
       greatest(t.reltuples, 0)::bigint AS table_rows
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND t.relkind IN ('r', 'p')
  AND NOT t.relispartition
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND a.atttypid = 'json'::regtype
ORDER BY table_name, a.attnum
