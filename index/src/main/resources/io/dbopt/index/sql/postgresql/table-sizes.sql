-- The largest tables of a schema, for the doctor's size chart: the table's own size (TOAST included) and the size
-- of all its indexes. Parameters: schema.
SELECT quote_ident(c.relname) AS table_name,
       pg_catalog.pg_table_size(c.oid) AS table_bytes,
       pg_catalog.pg_indexes_size(c.oid) AS index_bytes
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?
  AND c.relkind IN ('r', 'm')
ORDER BY pg_catalog.pg_total_relation_size(c.oid) DESC, c.relname
LIMIT 10
