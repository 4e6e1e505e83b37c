-- The indexes of every table of one schema (read once when many tables are looked up; table-indexes.sql reads
-- one table's): key and INCLUDE columns in order as JSON arrays (an expression appears as ""),
-- uniqueness, validity, access method and predicate.
-- Parameters: schema.
SELECT t.relname AS table_name,
       i.relname AS index_name,
       x.indisunique AS is_unique,
       x.indisprimary AS is_primary,
       x.indisvalid AS is_valid,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid) AS constraint_owned,
       EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p
               WHERE p.index_relid = x.indexrelid) AS build_in_progress,
       am.amname AS method,
       coalesce(pg_get_expr(x.indpred, x.indrelid), '') AS predicate,
       x.indexprs IS NOT NULL AS has_expressions,
       (SELECT coalesce(json_agg(coalesce(a.attname::text, '') ORDER BY k.pos), '[]')
        FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, pos)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE k.pos <= x.indnkeyatts)::text AS key_columns,
       (SELECT coalesce(json_agg(coalesce(a.attname::text, '') ORDER BY k.pos), '[]')
        FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, pos)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE k.pos > x.indnkeyatts)::text AS include_columns,
       pg_relation_size(x.indexrelid) AS index_bytes
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = i.relam
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
ORDER BY t.relname, i.relname
