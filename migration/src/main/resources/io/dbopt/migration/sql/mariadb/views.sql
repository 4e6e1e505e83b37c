-- Views of a database with their SELECT as the server prints it.
SELECT TABLE_NAME AS view_name, VIEW_DEFINITION AS definition
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME
