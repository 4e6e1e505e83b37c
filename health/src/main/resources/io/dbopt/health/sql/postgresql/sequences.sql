-- health.sequences: how much of its range each sequence of this database has used. A sequence owned by a column
-- (serial, identity) is also bounded by the column's type: a bigint sequence feeding an integer column fails at
-- 2147483647. Descending sequences are measured towards their minimum. last_value is NULL for sequences never used
-- and for those this user may not read (counted as unreadable). Plain hash joins: one pass over the catalog however
-- many sequences there are.
WITH seq AS (
    SELECT c.oid, n.nspname AS schema_name, c.relname AS sequence_name,
           has_sequence_privilege(c.oid, 'SELECT,USAGE') AS readable
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
),
owned AS (
    SELECT d.objid AS seq_oid, tn.nspname AS owner_schema, t.relname AS owner_table, a.attname AS owner_column,
           CASE a.atttypid WHEN 'int2'::regtype THEN 32767
                           WHEN 'int4'::regtype THEN 2147483647 END AS column_max
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
    JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_catalog.pg_class'::regclass
      AND d.refclassid = 'pg_catalog.pg_class'::regclass
      AND d.deptype IN ('a', 'i')
      AND d.refobjsubid > 0
)
SELECT q.schema_name,
       q.sequence_name,
       q.readable,
       s.last_value,
       CASE WHEN s.increment_by > 0 THEN least(s.max_value, coalesce(o.column_max, s.max_value))
            ELSE s.min_value END AS limit_value,
       CASE WHEN s.last_value IS NULL THEN 0
            WHEN s.increment_by > 0 THEN s.last_value::numeric / least(s.max_value, coalesce(o.column_max, s.max_value))
            ELSE s.last_value::numeric / s.min_value END::float8 AS used_ratio,
       coalesce(o.owner_schema, '') AS owner_schema,
       coalesce(o.owner_table, '') AS owner_table,
       coalesce(o.owner_column, '') AS owner_column,
       o.column_max IS NOT NULL AS column_bound
FROM seq q
JOIN pg_catalog.pg_sequences s ON s.schemaname = q.schema_name AND s.sequencename = q.sequence_name
LEFT JOIN owned o ON o.seq_oid = q.oid
ORDER BY used_ratio DESC, q.schema_name, q.sequence_name
