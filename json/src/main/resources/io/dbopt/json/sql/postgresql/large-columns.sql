-- Text, JSON and binary columns of the current schema's tables of at least the given size (and of the given table
-- when one is named), largest tables first, with the table's TOAST size and estimated rows.
SELECT c.relname AS table_name,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       pg_total_relation_size(c.oid) AS table_bytes,
       CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END AS toast_bytes,
       greatest(c.reltuples, 0)::bigint AS table_rows,
       '' AS options
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = current_schema()::regnamespace
  AND c.relkind IN ('r', 'm')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'json'::regtype, 'jsonb'::regtype, 'bytea'::regtype)
  AND pg_total_relation_size(c.oid) >= ?
  AND (CAST(? AS text) = '' OR c.relname = ?)
ORDER BY pg_total_relation_size(c.oid) DESC, a.attnum
LIMIT 40
