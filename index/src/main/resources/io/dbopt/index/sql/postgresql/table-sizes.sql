-- The largest tables of a schema, for the doctor's size chart: the table's own size (TOAST included) and the size
-- of all its indexes, largest total first (pg_total_relation_size is their sum: each size is computed once, in a
-- subquery kept apart by OFFSET 0, rather than again for the order). Parameters: schema.
SELECT table_name, table_bytes, index_bytes
FROM (SELECT quote_ident(c.relname) AS table_name,
             c.relname,
             pg_catalog.pg_table_size(c.oid) AS table_bytes,
             pg_catalog.pg_indexes_size(c.oid) AS index_bytes
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ?
        AND c.relkind IN ('r', 'm')
      OFFSET 0) s
ORDER BY table_bytes + index_bytes DESC, relname
LIMIT 10
