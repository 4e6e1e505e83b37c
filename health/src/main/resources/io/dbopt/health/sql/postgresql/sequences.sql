-- health.sequences: how much of its range each sequence of this database has used. A sequence owned by a column
-- (serial, identity) is also bounded by the column's type: a bigint sequence feeding an integer column fails at
-- 2147483647. Descending sequences are measured towards their minimum. last_value is NULL for sequences never used
-- and for those this user may not read (counted as unreadable).
WITH seq AS (
    SELECT s.schemaname AS schema_name,
           s.sequencename AS sequence_name,
           s.last_value,
           s.min_value,
           s.max_value,
           s.increment_by,
           has_sequence_privilege(c.oid, 'SELECT,USAGE') AS readable,
           o.owner_schema,
           o.owner_table,
           o.owner_column,
           CASE o.column_type WHEN 'int2'::regtype THEN 32767
                              WHEN 'int4'::regtype THEN 2147483647 END AS column_max
    FROM pg_catalog.pg_sequences s
    JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname
    JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
    LEFT JOIN LATERAL (
        SELECT tn.nspname AS owner_schema, t.relname AS owner_table, a.attname AS owner_column,
               a.atttypid AS column_type
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.objid = c.oid
          AND d.classid = 'pg_catalog.pg_class'::regclass
          AND d.refclassid = 'pg_catalog.pg_class'::regclass
          AND d.deptype IN ('a', 'i')
        LIMIT 1) o ON true
    WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
)
SELECT schema_name,
       sequence_name,
       readable,
       last_value,
       CASE WHEN increment_by > 0 THEN least(max_value, coalesce(column_max, max_value))
            ELSE min_value END AS limit_value,
       CASE WHEN last_value IS NULL THEN 0
            WHEN increment_by > 0 THEN last_value::numeric / least(max_value, coalesce(column_max, max_value))
            ELSE last_value::numeric / min_value END::float8 AS used_ratio,
       coalesce(owner_schema, '') AS owner_schema,
       coalesce(owner_table, '') AS owner_table,
       coalesce(owner_column, '') AS owner_column,
       column_max IS NOT NULL AS column_bound
FROM seq
ORDER BY used_ratio DESC, schema_name, sequence_name
