-- Whether a relation of that name exists in the schema (index names share the namespace of tables, sequences and
-- views on PostgreSQL). Parameters: schema, name.
SELECT count(*)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?
  AND c.relname = ?
