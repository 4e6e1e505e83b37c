-- index.intersected: two indexes of one table that start with the same key (a column or an expression), neither a
-- duplicate of the other nor a redundant prefix that index.redundant reports (a unique or constraint index that is
-- a prefix of another is reported here): often one index in the right column order serves both sets of queries.
-- One row per pair, the later index by name first. Only pairs that start with the same column (or both with an
-- expression) have their first keys deparsed (pg_get_indexdef): deparsing every index's first key was about half of
-- this query at 1,000 tables, and two different columns of one table never deparse alike, nor a column like an
-- expression (an index expression that is a bare column is stored as that column).
-- Parameters: schema.
WITH idx AS (
    SELECT x.indexrelid, x.indrelid, n.nspname AS schema_name, t.relname AS table_name, i.relname AS index_name,
           x.indkey[0] AS first_column,
           (x.indkey::int2[])[0:x.indnkeyatts - 1] AS keys,
           coalesce(pg_catalog.pg_get_expr(x.indexprs, x.indrelid), '') AS expressions,
           coalesce(pg_catalog.pg_get_expr(x.indpred, x.indrelid), '') AS predicate,
           i.relam AS am,
           x.indisunique OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid)
               AS kept
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ?
      AND i.relkind IN ('i', 'I')
      AND NOT i.relispartition
      AND x.indisvalid
),
pairs AS MATERIALIZED (
    SELECT b.schema_name, b.table_name, b.index_name, a.index_name AS intersects,
           a.indexrelid AS a_index, b.indexrelid AS b_index
    FROM idx a
    JOIN idx b ON b.indrelid = a.indrelid AND b.first_column = a.first_column AND b.index_name > a.index_name
    WHERE (a.keys <> b.keys OR a.expressions <> b.expressions OR a.predicate <> b.predicate OR a.am <> b.am)
      AND NOT (b.keys[1:cardinality(a.keys)] = a.keys AND a.expressions = '' AND NOT a.kept AND a.am = b.am
           AND a.predicate = b.predicate)
      AND NOT (a.keys[1:cardinality(b.keys)] = b.keys AND b.expressions = '' AND NOT b.kept AND a.am = b.am
           AND a.predicate = b.predicate)
)
SELECT schema_name, table_name, index_name, intersects
FROM pairs
WHERE pg_catalog.pg_get_indexdef(a_index, 1, true) = pg_catalog.pg_get_indexdef(b_index, 1, true)
ORDER BY table_name, index_name, intersects
