-- case: CREATE INDEX CONCURRENTLY waits for a SHARE UPDATE EXCLUSIVE lock, which no read or write conflicts with, and Flyway refuses a SET next to it
-- expect: require-lock-timeout fires
-- expect: require-statement-timeout fires
-- divergence: require-lock-timeout: a waiting CONCURRENTLY build blocks no reads or writes, and a SET in its file would make Flyway refuse the file; set the timeout in the runner
-- divergence: require-statement-timeout: a statement timeout would cancel a long CONCURRENTLY build and leave an INVALID index; bound it in the runner if at all
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
