-- The names of every relation of one schema (tables, indexes, sequences and views share one namespace on
-- PostgreSQL), read once when many index names are chosen (name-taken.sql checks one).
-- Parameters: schema.
SELECT c.relname AS table_name,
       c.relname AS name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?
