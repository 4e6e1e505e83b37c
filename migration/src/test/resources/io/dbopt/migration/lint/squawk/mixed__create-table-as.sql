-- case: tables made from queries, and views
-- divergence: require-concurrent-index-creation: CREATE TABLE ... AS made the table earlier in the same transaction; squawk only counts CREATE TABLE with columns
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE order_totals AS SELECT order_id, sum(amount) AS total FROM order_lines GROUP BY order_id;
CREATE INDEX order_totals_order_idx ON order_totals (order_id);
CREATE OR REPLACE VIEW big_orders (order_id, total) AS SELECT order_id, total FROM order_totals WHERE total > 1000;
CREATE MATERIALIZED VIEW IF NOT EXISTS daily_totals AS SELECT date_trunc('day', created_at) AS day, count(*) FROM orders GROUP BY 1;
REFRESH MATERIALIZED VIEW daily_totals;
