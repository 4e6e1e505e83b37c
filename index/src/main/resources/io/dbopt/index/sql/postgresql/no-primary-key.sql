-- index.no-primary-key: tables without a primary key. Logical replication cannot replicate their updates and
-- deletes, tools cannot address one row, and duplicates creep in. Partitions are left out: their partitioned parent
-- is the table to fix. unique_index names a valid unique index over NOT NULL columns that can become the key.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       greatest(t.reltuples, 0)::bigint AS table_rows,
       pg_catalog.pg_total_relation_size(t.oid) AS table_bytes,
       (SELECT i.relname
        FROM pg_catalog.pg_index x
        JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
        JOIN pg_catalog.pg_am am ON am.oid = i.relam
        WHERE x.indrelid = t.oid
          AND x.indisunique AND x.indisvalid AND am.amname = 'btree'
          AND x.indpred IS NULL AND x.indexprs IS NULL
          AND t.relkind = 'r'
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint uc WHERE uc.conindid = x.indexrelid)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = t.oid AND a.attnum = ANY (x.indkey) AND NOT a.attnotnull)
        ORDER BY x.indnatts, i.relname
        LIMIT 1) AS unique_index,
       coalesce((SELECT string_agg(pt.relid::regclass::text, ', ' ORDER BY pt.relid::regclass::text)
                 FROM pg_catalog.pg_partition_tree(t.oid) pt WHERE pt.relid <> t.oid), '') AS partitions
FROM pg_catalog.pg_class t
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND t.relkind IN ('r', 'p')
  AND NOT t.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid = t.oid AND c.contype = 'p')
ORDER BY table_name
