-- expect: ban-drop-table quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP VIEW IF EXISTS legacy_orders_view;
