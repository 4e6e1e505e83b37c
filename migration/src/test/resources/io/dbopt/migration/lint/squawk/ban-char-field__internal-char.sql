-- case: "char" (quoted) is PostgreSQL's one-byte internal type, not character(n)
-- expect: ban-char-field fires
-- divergence: ban-char-field: "char" in quotes is the one-byte internal type, which has no padding, not character(1)
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE flags (id bigint PRIMARY KEY, kind "char" NOT NULL);
