-- expect: prefer-robust-stmts fires
-- divergence: require-lock-timeout: a waiting CONCURRENTLY build blocks no reads or writes, and a SET in its file would make Flyway refuse the file
-- divergence: require-statement-timeout: a statement timeout would cancel a long CONCURRENTLY build and leave an INVALID index
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
