-- The isolation level new transactions get when they do not set one.
SELECT current_setting('default_transaction_isolation')
