-- The delete rule of each foreign key. The second and third parameters limit it to one table (NULL: every table).
SELECT TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       DELETE_RULE AS on_delete
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
  AND (? IS NULL OR TABLE_NAME = ?)
