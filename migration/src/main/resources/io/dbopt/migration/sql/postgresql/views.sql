-- Views of a schema with their SELECT as the server prints it.
SELECT viewname AS view_name, definition
FROM pg_views
WHERE schemaname = ?
ORDER BY viewname
