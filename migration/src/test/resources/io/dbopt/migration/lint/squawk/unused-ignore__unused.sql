-- case: a valid ignore comment on a statement the rule does not fire on
-- expect: unused-ignore quiet
-- divergence: unused-ignore: a suppression that suppresses nothing would silently hide the next real finding of that rule on the statement; squawk only reports unknown rule names
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- dbopt:ignore drop-table the table is unused since 2.3
-- squawk-ignore ban-drop-table
ALTER TABLE orders ADD COLUMN note text;
