-- index.name-overflow: tables, indexes, sequences, views, columns and constraints whose name uses all 63 bytes
-- PostgreSQL keeps: a longer name given in DDL was cut silently, and names derived from it (index, sequence,
-- constraint names) will be cut too and may collide.
-- Parameters: schema.
SELECT n.nspname AS schema_name, c.relname AS object_name, 'relation' AS object_kind, '' AS table_name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ? AND octet_length(c.relname) >= 63
UNION ALL
SELECT n.nspname, a.attname, 'column', t.relname
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ? AND t.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
  AND octet_length(a.attname) >= 63
UNION ALL
SELECT n.nspname, c.conname, 'constraint', t.relname
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ? AND octet_length(c.conname) >= 63
ORDER BY 2
