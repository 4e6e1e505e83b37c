-- The columns of one table of the current schema, in declaration order, for the query rewriter (SchemaMetadata).
-- type is the base type's name (a domain counts as the type it is based on, as pgjdbc's getColumns reports it).
-- Replaces DatabaseMetaData.getColumns, whose unmarked catalog query the Queries section would report as the
-- application's. Parameter: the table name as stored.
SELECT a.attname                                       AS column_name,
       COALESCE(bt.typname, t.typname)                 AS type,
       NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS nullable
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
  AND c.relname = ?
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attnum
