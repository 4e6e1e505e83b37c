-- index.duplicate: valid indexes of one table with the same access method, key and INCLUDE columns, operator
-- classes, collations, sort options (multi-column keys), expressions and predicate. Uniqueness is not compared:
-- a unique index serves every query its non-unique twin serves. Rows of one group share "signature".
-- Parameters: schema.
WITH idx AS (
    SELECT n.nspname AS schema_name,
           t.relname AS table_name,
           i.relname AS index_name,
           x.indisunique AS is_unique,
           i.relkind = 'I' AS partitioned,
           EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid) AS constraint_owned,
           coalesce(s.idx_scan, 0) AS scans,
           pg_relation_size(x.indexrelid) AS index_bytes,
           concat_ws(' ', x.indrelid::text, i.relam::text, x.indkey::text, x.indclass::text,
                     x.indcollation::text,
                     CASE WHEN x.indnkeyatts > 1 THEN x.indoption::text ELSE '' END,
                     coalesce(pg_get_expr(x.indexprs, x.indrelid), ''),
                     coalesce(pg_get_expr(x.indpred, x.indrelid), '')) AS signature
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_catalog.pg_stat_all_indexes s ON s.indexrelid = x.indexrelid
    WHERE n.nspname = ?
      AND i.relkind IN ('i', 'I')
      AND NOT i.relispartition
      AND x.indisvalid
)
SELECT schema_name, table_name, index_name, is_unique, partitioned, constraint_owned, scans, index_bytes, signature
FROM idx
WHERE signature IN (SELECT signature FROM idx GROUP BY signature HAVING count(*) > 1)
ORDER BY table_name, signature, constraint_owned DESC, is_unique DESC, scans DESC, index_name
