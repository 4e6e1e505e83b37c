-- index.boolean: non-unique indexes with a boolean key column. A boolean splits a table in two, so an index on it
-- rarely beats a sequential scan; a partial index (WHERE flag) usually serves the rare value better.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       a.attname AS column_name,
       array_position((x.indkey::int2[])[0:x.indnkeyatts - 1], a.attnum) AS key_position,
       pg_relation_size(x.indexrelid) AS index_bytes,
       x.indpred IS NOT NULL AS is_partial
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid
                               AND a.attnum = ANY ((x.indkey::int2[])[0:x.indnkeyatts - 1])
WHERE n.nspname = ?
  AND i.relkind IN ('i', 'I')
  AND NOT i.relispartition
  AND x.indisvalid
  AND NOT x.indisunique
  AND a.atttypid = 'pg_catalog.bool'::pg_catalog.regtype
ORDER BY table_name, index_name, key_position
