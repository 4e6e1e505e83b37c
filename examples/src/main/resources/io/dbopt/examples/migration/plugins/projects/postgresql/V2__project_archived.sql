ALTER TABLE projects ADD COLUMN archived_at timestamptz;
