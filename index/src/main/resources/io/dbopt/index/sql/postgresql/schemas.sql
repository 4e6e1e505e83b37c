-- The schemas of the current database the catalog checks examine by default: every schema the user may use, but
-- the system ones (pg_catalog, information_schema, pg_toast, temporary schemas).
SELECT n.nspname AS schema_name
FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_'
  AND n.nspname <> 'information_schema'
  AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')
ORDER BY n.nspname
