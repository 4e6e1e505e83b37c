-- expect: require-concurrent-reindex quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
REINDEX SYSTEM;
