-- Every table, view and sequence of one database as information_schema.TABLES lists it, by name (the server's order
-- and collation), for SchemaTables: one read shared by what needs this view in one unit of work (a doctor run: the
-- Indexes section's size chart, the Health section's table-bloat and sequences checks), since each read opens every
-- table of the database (about 1 s at 10,000 tables). NULLs stay NULL: each reader applies its own rules to them.
-- Parameters: schema.
SELECT TABLE_NAME AS table_name,
       TABLE_TYPE AS table_type,
       ENGINE AS engine,
       TABLE_ROWS AS table_rows,
       DATA_LENGTH AS data_length,
       INDEX_LENGTH AS index_length,
       DATA_FREE AS data_free,
       AUTO_INCREMENT AS auto_increment,
       CREATE_OPTIONS AS create_options
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME
