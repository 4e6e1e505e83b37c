-- JSON and text columns of the tables of the current schema, with the table's estimated rows.
SELECT c.relname AS table_name,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       '' AS collation_name,
       greatest(c.reltuples, 0)::bigint AS table_rows
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = current_schema()::regnamespace
  AND c.relkind IN ('r', 'p', 'm')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND a.atttypid IN ('json'::regtype, 'jsonb'::regtype, 'text'::regtype, 'varchar'::regtype)
