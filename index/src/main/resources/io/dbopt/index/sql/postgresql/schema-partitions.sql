-- The direct partitions of every partitioned table of a schema (parent_name), and whether each is itself partitioned:
-- partitions.sql for a whole schema at once. A table that is partitioned but has no partition yet returns one row
-- with a NULL partition, so that callers know it is partitioned.
-- Parameters: schema.
SELECT p.relname AS parent_name,
       pn.nspname AS schema_name,
       c.relname AS table_name,
       c.relkind = 'p' AS partitioned
FROM pg_catalog.pg_class p
JOIN pg_catalog.pg_namespace n ON n.oid = p.relnamespace
LEFT JOIN pg_catalog.pg_inherits h ON h.inhparent = p.oid
LEFT JOIN pg_catalog.pg_class c ON c.oid = h.inhrelid
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = c.relnamespace
WHERE n.nspname = ?
  AND p.relkind = 'p'
ORDER BY p.relname, c.relname
