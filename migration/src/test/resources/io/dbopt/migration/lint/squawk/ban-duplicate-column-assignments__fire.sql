-- expect: ban-duplicate-column-assignments fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
UPDATE orders SET status = 'new', note = 'x', status = 'old' WHERE id = 1;
INSERT INTO orders (id, status, status) VALUES (1, 'a', 'b');
