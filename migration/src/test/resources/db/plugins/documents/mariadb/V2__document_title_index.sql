-- built online: the server refuses rather than blocking writes
CREATE INDEX documents_title_idx ON documents (title) ALGORITHM=INPLACE LOCK=NONE;
