-- index.invalid: indexes marked invalid, typically left behind by a failed CREATE INDEX CONCURRENTLY or REINDEX
-- CONCURRENTLY. They slow every write and serve no query. Indexes a build is working on right now are invalid too;
-- build_in_progress marks them so they are not dropped under a running build.
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       pg_relation_size(x.indexrelid) AS index_bytes,
       x.indisready AS is_ready,
       EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p
               WHERE p.index_relid = x.indexrelid) AS build_in_progress,
       pg_catalog.pg_get_indexdef(x.indexrelid) AS definition
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND NOT x.indisvalid
ORDER BY table_name, index_name
