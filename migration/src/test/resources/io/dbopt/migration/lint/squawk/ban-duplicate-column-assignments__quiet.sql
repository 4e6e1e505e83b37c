-- expect: ban-duplicate-column-assignments quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
UPDATE orders SET status = 'new', note = 'x' WHERE id = 1;
UPDATE orders SET tags[1] = 'a', tags[2] = 'b' WHERE id = 1;
