-- index.table-shape: table designs that make later work harder: zero or one column, every column nullable but the
-- primary key (or but one column when there is no primary key), primary key columns not first, a varchar/text primary key, inheritance (not partitioning). One row
-- per table and problem.
-- Parameters: schema.
WITH t AS (
    SELECT t.oid, n.nspname AS schema_name, t.relname AS table_name, t.relkind
    FROM pg_catalog.pg_class t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ? AND t.relkind IN ('r', 'p') AND NOT t.relispartition
),
cols AS (
    SELECT t.oid, count(*) AS n,
           bool_and(NOT a.attnotnull OR pk.conkey IS NOT NULL AND a.attnum = ANY (pk.conkey)) AS nullable_but_pk,
           count(*) FILTER (WHERE pk.conkey IS NOT NULL AND a.attnum = ANY (pk.conkey)) AS pk_cols,
           count(*) FILTER (WHERE a.attnotnull) AS notnull_cols,
           bool_or(pk.conkey IS NOT NULL AND a.attnum = ANY (pk.conkey)
                   AND a.atttypid IN ('varchar'::regtype, 'text'::regtype, 'bpchar'::regtype)) AS text_pk,
           max(CASE WHEN pk.conkey IS NOT NULL AND a.attnum = ANY (pk.conkey) THEN r.rank END) AS last_pk_rank
    FROM t
    JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN LATERAL (SELECT count(*) AS rank FROM pg_catalog.pg_attribute b
                  WHERE b.attrelid = t.oid AND b.attnum > 0 AND NOT b.attisdropped AND b.attnum <= a.attnum) r ON true
    LEFT JOIN pg_catalog.pg_constraint pk ON pk.conrelid = t.oid AND pk.contype = 'p'
    GROUP BY t.oid
)
SELECT t.schema_name, t.table_name, p.problem,
       coalesce((SELECT c.conname FROM pg_catalog.pg_constraint c WHERE c.conrelid = t.oid AND c.contype = 'p'), '')
           AS primary_key
FROM t
LEFT JOIN cols ON cols.oid = t.oid
CROSS JOIN LATERAL (VALUES
    ('zero-or-one-column', coalesce(cols.n, 0) <= 1),
    ('all-nullable', cols.n > 1 AND (cols.pk_cols > 0 AND cols.nullable_but_pk AND cols.n > cols.pk_cols
                                     OR cols.pk_cols = 0 AND cols.notnull_cols <= 1)),
    ('pk-not-first', cols.pk_cols > 0 AND cols.last_pk_rank > cols.pk_cols),
    ('text-pk', coalesce(cols.text_pk, false)),
    ('inheritance', t.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h
                                                WHERE h.inhparent = t.oid OR h.inhrelid = t.oid))
) AS p(problem, applies)
WHERE p.applies
ORDER BY t.table_name, p.problem
