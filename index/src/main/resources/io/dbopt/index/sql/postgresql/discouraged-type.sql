-- index.discouraged-type: column types that bite later: timestamp without time zone and time with time zone (the
-- instant depends on the session's TimeZone), money (formatting and rounding by lc_monetary), char(n) (padded with
-- blanks, no faster than text), varchar(n) (a length limit that takes a table rewrite-free ALTER to lift but is
-- usually arbitrary; reported at INFO).
-- Parameters: schema.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       a.attname AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
       CASE a.atttypid
           WHEN 'timestamp'::regtype THEN 'timestamp'
           WHEN 'timetz'::regtype THEN 'timetz'
           WHEN 'money'::regtype THEN 'money'
           WHEN 'bpchar'::regtype THEN 'char'
           ELSE 'varchar'
       END AS kind
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ?
  AND t.relkind IN ('r', 'p')
  AND NOT t.relispartition
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND (a.atttypid IN ('timestamp'::regtype, 'timetz'::regtype, 'money'::regtype, 'bpchar'::regtype)
       OR (a.atttypid = 'varchar'::regtype AND a.atttypmod > 0))
ORDER BY table_name, a.attnum
