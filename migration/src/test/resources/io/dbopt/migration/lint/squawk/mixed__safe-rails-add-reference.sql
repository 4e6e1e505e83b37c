-- case: the safe version of the same change, as strong_migrations spells it out
-- transactions: none
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "comments" ADD COLUMN IF NOT EXISTS "post_id" bigint;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "index_comments_on_post_id" ON "comments" ("post_id");
ALTER TABLE "comments" DROP CONSTRAINT IF EXISTS "fk_rails_2fd19c0db7";
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_2fd19c0db7" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") NOT VALID;
