-- Tables of the current schema shaped like a Flyway history table.
SELECT table_name
FROM information_schema.columns
WHERE table_schema = current_schema()
  AND column_name IN ('installed_rank', 'version', 'script', 'checksum', 'success')
GROUP BY table_name
HAVING count(*) = 5
ORDER BY table_name
