-- Valid indexes of the tables of the current schema, with their access method and definition.
SELECT t.relname AS table_name,
       i.relname AS index_name,
       am.amname AS method,
       pg_get_indexdef(x.indexrelid) AS definition
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_am am ON am.oid = i.relam
WHERE t.relnamespace = current_schema()::regnamespace
  AND x.indisvalid
