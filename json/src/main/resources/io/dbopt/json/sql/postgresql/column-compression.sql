-- The compression method of a column (PostgreSQL 14+): p = pglz, l = lz4, empty = default_toast_compression.
SELECT a.attcompression::text AS method, current_setting('default_toast_compression') AS default_method
FROM pg_attribute a
WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass
  AND a.attname = ?
