-- expect: renaming-table quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER INDEX orders_status_idx RENAME TO orders_state_idx;
