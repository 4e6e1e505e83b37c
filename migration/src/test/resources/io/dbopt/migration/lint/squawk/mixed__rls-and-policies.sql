-- case: row-level security for a multi-tenant table
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_setting('app.tenant_id')::bigint);
GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO app_user;
