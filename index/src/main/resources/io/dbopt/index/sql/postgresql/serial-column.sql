-- index.serial-column: serial / bigserial / smallserial columns (a default of nextval() on a sequence the column
-- owns). Identity columns are the SQL-standard replacement: their sequence follows the table's privileges and
-- copies (CREATE TABLE ... LIKE), and they cannot be written by mistake (GENERATED ALWAYS).
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       a.attname AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
       sn.nspname AS sequence_schema,
       s.relname AS sequence_name,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
               WHERE c.conrelid = t.oid AND c.contype = 'p' AND a.attnum = ANY (c.conkey)) AS primary_key
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
JOIN pg_catalog.pg_depend dep ON dep.refobjid = t.oid AND dep.refobjsubid = a.attnum
                              AND dep.classid = 'pg_catalog.pg_class'::regclass AND dep.deptype = 'a'
JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
WHERE n.nspname = ?
  AND t.relkind IN ('r', 'p')
  AND NOT t.relispartition
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND a.attidentity = ''
  AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%'
ORDER BY table_name, a.attnum
