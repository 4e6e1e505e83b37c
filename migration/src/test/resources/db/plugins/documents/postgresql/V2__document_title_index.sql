-- built without blocking writes; alone in its script, so it runs outside a transaction
CREATE INDEX CONCURRENTLY documents_title_idx ON documents (title);
