-- case: what Rails' add_reference with an index and a foreign key sends
-- transactions: none
-- exclude: prefer-robust-stmts
SET lock_timeout = '1s';
SET statement_timeout = '5s';
BEGIN;
ALTER TABLE "comments" ADD "post_id" bigint;
CREATE INDEX "index_comments_on_post_id" ON "comments" ("post_id");
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_2fd19c0db7" FOREIGN KEY ("post_id") REFERENCES "posts" ("id");
COMMIT;
