ALTER TABLE projects ADD COLUMN archived_at timestamp NULL, ALGORITHM=INSTANT;
