-- The columns that lead an index of one table of the current schema (expression indexes lead with no column), for
-- the query rewriter (SchemaMetadata). Replaces DatabaseMetaData.getIndexInfo. Parameter: the table name as stored.
SELECT DISTINCT a.attname AS column_name
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
  AND c.relname = ?
