-- Estimated rows and total size of a table of the current schema.
SELECT greatest(c.reltuples, 0)::bigint AS table_rows, pg_total_relation_size(c.oid) AS table_bytes
FROM pg_class c
WHERE c.oid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass
