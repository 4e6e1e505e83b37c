-- health.invalid-indexes: indexes of this database marked invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX
-- CONCURRENTLY), except those a build is working on right now.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       pg_relation_size(x.indexrelid) AS index_bytes
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE NOT x.indisvalid
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = x.indexrelid)
ORDER BY schema_name, table_name, index_name
