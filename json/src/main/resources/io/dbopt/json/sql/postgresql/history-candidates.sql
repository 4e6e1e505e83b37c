-- Tables with a one-column foreign key, a time column and a text or JSON column: possible change histories. One row
-- per combination; the caller picks. content_max_chars is the content column's declared length (varchar(n): n
-- characters, atttypmod minus the 4-byte header), -1 when it has none (text, json, jsonb, varchar without a length):
-- the caller does not sample a column too short for a copy worth a finding.
SELECT c.relname AS table_name,
       fa.attname AS document_column,
       p.relname AS parent_table,
       ta.attname AS time_column,
       xa.attname AS content_column,
       CASE WHEN xa.atttypid = 'varchar'::regtype AND xa.atttypmod >= 4 THEN xa.atttypmod - 4 ELSE -1 END
           AS content_max_chars
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_class p ON p.oid = k.confrelid
JOIN pg_attribute fa ON fa.attrelid = c.oid AND fa.attnum = k.conkey[1]
JOIN pg_attribute ta ON ta.attrelid = c.oid AND ta.attnum > 0 AND NOT ta.attisdropped
 AND ta.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype)
JOIN pg_attribute xa ON xa.attrelid = c.oid AND xa.attnum > 0 AND NOT xa.attisdropped
 AND xa.atttypid IN ('text'::regtype, 'varchar'::regtype, 'json'::regtype, 'jsonb'::regtype)
WHERE k.contype = 'f'
  AND array_length(k.conkey, 1) = 1
  AND c.relnamespace = current_schema()::regnamespace
