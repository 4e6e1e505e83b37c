-- index.redundant: a valid, non-unique B-tree index whose key columns are a leading prefix of another valid B-tree
-- index's key columns on the same table, with the same operator classes, collations and sort options on that
-- prefix, the same predicate, no expressions, and INCLUDE columns the other index also holds. Identical indexes
-- are left to index.duplicate. Indexes that own a constraint are found by one hash join in idx (a NOT EXISTS on
-- pg_constraint, which has no index on conindid, scanned it once per candidate: 15 s at 10,000 tables). Sizes are
-- read only for the indexes reported (reading an index's size opens it, and a lock another session holds on it
-- waits: at 1,000 tables sizing every B-tree index of the schema was about a third of the query).
-- Parameters: schema.
WITH idx AS (
    SELECT x.indexrelid,
           x.indrelid,
           n.nspname AS schema_name,
           t.relname AS table_name,
           i.relname AS index_name,
           x.indnkeyatts AS nkeys,
           x.indisunique,
           i.relkind = 'I' AS partitioned,
           (x.indkey::int2[])[0:x.indnkeyatts - 1] AS keys,
           coalesce((x.indkey::int2[])[x.indnkeyatts:], '{}') AS includes,
           x.indkey::int2[] AS all_columns,
           (x.indclass::oid[])[0:x.indnkeyatts - 1] AS classes,
           (x.indcollation::oid[])[0:x.indnkeyatts - 1] AS collations,
           (x.indoption::int2[])[0:x.indnkeyatts - 1] AS options,
           x.indexprs IS NOT NULL AS has_expressions,
           coalesce(pg_get_expr(x.indpred, x.indrelid), '') AS predicate,
           coalesce(s.idx_scan, 0) AS scans,
           owned.conindid IS NOT NULL AS constraint_owned
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_catalog.pg_am am ON am.oid = i.relam AND am.amname = 'btree'
    LEFT JOIN pg_catalog.pg_stat_all_indexes s ON s.indexrelid = x.indexrelid
    LEFT JOIN (SELECT DISTINCT c.conindid FROM pg_catalog.pg_constraint c WHERE c.conindid <> 0) owned
           ON owned.conindid = x.indexrelid
    WHERE n.nspname = ?
      AND i.relkind IN ('i', 'I')
      AND NOT i.relispartition
      AND x.indisvalid
)
SELECT a.schema_name, a.table_name, a.index_name, a.scans,
       pg_relation_size(a.indexrelid) AS index_bytes, a.partitioned,
       b.index_name AS covering_index_name,
       pg_catalog.pg_get_indexdef(a.indexrelid) AS redundant_definition,
       pg_catalog.pg_get_indexdef(b.indexrelid) AS covering_definition
FROM idx a
JOIN idx b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
WHERE NOT a.indisunique
  AND NOT a.has_expressions
  AND NOT b.has_expressions
  AND NOT a.constraint_owned
  AND a.nkeys <= b.nkeys
  AND b.keys[1:a.nkeys] = a.keys
  AND b.classes[1:a.nkeys] = a.classes
  AND b.collations[1:a.nkeys] = a.collations
  AND b.options[1:a.nkeys] = a.options
  AND a.predicate = b.predicate
  AND a.includes <@ b.all_columns
  AND NOT (a.nkeys = b.nkeys AND b.includes <@ a.includes)
ORDER BY a.table_name, a.index_name, b.index_name
