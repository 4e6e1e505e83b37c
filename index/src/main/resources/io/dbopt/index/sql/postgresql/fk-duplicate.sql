-- index.fk-duplicate: foreign keys identical to another of the same table (same columns, same referenced table and
-- columns). Each checks every write again and a tool adding "the missing index" per key builds two identical
-- indexes. The first by name is kept; each other one is a row.
-- Parameters: schema.
SELECT DISTINCT ON (c2.oid)
       n.nspname AS schema_name,
       t.relname AS table_name,
       c2.conname AS constraint_name,
       c1.conname AS duplicate_of
FROM pg_catalog.pg_constraint c1
JOIN pg_catalog.pg_constraint c2 ON c2.conrelid = c1.conrelid AND c2.confrelid = c1.confrelid
                                 AND c2.conkey = c1.conkey AND c2.confkey = c1.confkey AND c2.conname > c1.conname
JOIN pg_catalog.pg_class t ON t.oid = c1.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND c1.contype = 'f' AND c2.contype = 'f'
  AND c1.conparentid = 0 AND c2.conparentid = 0
ORDER BY c2.oid, c1.conname
