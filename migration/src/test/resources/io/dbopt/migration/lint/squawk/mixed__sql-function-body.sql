-- case: a SQL-standard function body holds semicolons
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE OR REPLACE FUNCTION order_total(o bigint) RETURNS numeric LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN count(*) = 0 THEN 0 ELSE sum(amount) END FROM order_lines WHERE order_id = o;
END;
CREATE INDEX order_lines_order_idx ON order_lines (order_id);
