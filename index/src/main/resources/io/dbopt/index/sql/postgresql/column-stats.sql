-- Planner statistics of one table's columns: distinct values (negative n_distinct is a share of the rows), average
-- width in bytes, share of NULLs. Empty before the first ANALYZE.
-- Parameters: schema, table.
SELECT s.attname AS column_name,
       CASE WHEN s.n_distinct >= 0 THEN s.n_distinct::float8
            ELSE -s.n_distinct::float8 * greatest(c.reltuples, 0) END AS distinct_values,
       s.avg_width::float8 AS avg_width,
       s.null_frac::float8 AS null_fraction
FROM pg_catalog.pg_stats s
JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename
WHERE s.schemaname = ?
  AND s.tablename = ?
  AND NOT s.inherited
