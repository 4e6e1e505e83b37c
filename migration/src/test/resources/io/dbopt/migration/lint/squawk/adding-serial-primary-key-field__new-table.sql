-- expect: adding-serial-primary-key-field fires
-- divergence: adding-serial-primary-key-field: the table was created earlier in the same transaction, so nobody waits for the lock while the key's index is built
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE tags (id bigint NOT NULL, name text NOT NULL);
ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY (id);
